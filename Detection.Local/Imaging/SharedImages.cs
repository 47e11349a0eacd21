namespace Glance.Detection.Local.Imaging;

/// <summary>Derived pictures of a frame made once and shared by every local detector that needs them.</summary>
public static class SharedImages
{
    private const string GreyKey = "imaging.grey";
    private const string ReducedKeyPrefix = "imaging.grey/";

    public static Task<GreyImage> GreyAsync(DetectionFrame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return frame.SharedAsync(GreyKey, _ => Task.FromResult(Greyscale.FromRgb(frame.Image)), cancellationToken);
    }

    /// <summary>The grey frame shrunk by an integer factor (box averaged): the coarse levels of a search pyramid.</summary>
    public static Task<GreyImage> ReducedGreyAsync(DetectionFrame frame, int factor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        if (factor == 1)
        {
            return GreyAsync(frame, cancellationToken);
        }

        return frame.SharedAsync(
            ReducedKeyPrefix + factor.ToString(System.Globalization.CultureInfo.InvariantCulture),
            async token => Resize.BoxReduce(await GreyAsync(frame, token).ConfigureAwait(false), factor),
            cancellationToken);
    }
}
