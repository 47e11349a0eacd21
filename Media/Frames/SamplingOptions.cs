namespace Glance.Media.Frames;

/// <summary>Which frames to take from each segment, and at what size. Configured per event.</summary>
public sealed record SamplingOptions
{
    public static SamplingOptions Default { get; } = new();

    public SamplingMode Mode { get; init; } = SamplingMode.Rate;

    /// <summary>Sampling rate for <see cref="SamplingMode.Rate"/> (default one frame per second).</summary>
    public double FramesPerSecond { get; init; } = 1;

    /// <summary>For <see cref="SamplingMode.Keyframes"/>: take every Nth keyframe.</summary>
    public int KeyframeStep { get; init; } = 1;

    /// <summary>Frames are scaled down (never up) so that their longest side is at most this, keeping the display aspect.</summary>
    public int LongestSide { get; init; } = 640;

    /// <summary>
    /// In <see cref="SamplingMode.Rate"/>, try decoding keyframes only and keep the result when it provably equals the
    /// full decode (keyframes on the sampling grid). Off forces the full decode.
    /// </summary>
    public bool KeyframeFastPath { get; init; } = true;

    public void Validate()
    {
        if (Mode == SamplingMode.Rate && !(FramesPerSecond > 0 && FramesPerSecond <= 120))
        {
            throw new ArgumentOutOfRangeException(nameof(FramesPerSecond), FramesPerSecond, "Sampling rate must be in (0, 120] frames per second.");
        }

        if (Mode == SamplingMode.Keyframes && KeyframeStep < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(KeyframeStep), KeyframeStep, "Keyframe step must be at least 1.");
        }

        if (LongestSide is < 16 or > 8192)
        {
            throw new ArgumentOutOfRangeException(nameof(LongestSide), LongestSide, "Longest side must be between 16 and 8192 pixels.");
        }
    }
}
