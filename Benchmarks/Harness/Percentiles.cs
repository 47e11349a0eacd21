namespace Glance.Benchmarks.Harness;

public static class Percentiles
{
    /// <summary>Nearest-rank percentile of <paramref name="samples"/> (sorted in place).</summary>
    public static double Of(Span<double> samples, double percentile)
    {
        if (samples.IsEmpty)
        {
            return double.NaN;
        }

        samples.Sort();
        var rank = (int)Math.Ceiling(percentile / 100.0 * samples.Length);
        return samples[Math.Clamp(rank - 1, 0, samples.Length - 1)];
    }
}
