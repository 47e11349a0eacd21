namespace Glance.Detection.Local.Classifiers;

internal static class SoftmaxMath
{
    /// <summary>Numerically stable softmax.</summary>
    public static double[] Softmax(ReadOnlySpan<double> logits)
    {
        var max = double.NegativeInfinity;
        foreach (var v in logits)
        {
            max = Math.Max(max, v);
        }

        var result = new double[logits.Length];
        double sum = 0;
        for (var k = 0; k < logits.Length; k++)
        {
            result[k] = Math.Exp(logits[k] - max);
            sum += result[k];
        }

        for (var k = 0; k < result.Length; k++)
        {
            result[k] /= sum;
        }

        return result;
    }
}
