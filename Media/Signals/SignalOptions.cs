namespace Glance.Media.Signals;

/// <summary>Which signal checks run on a segment and their thresholds; configured per event.</summary>
public sealed record SignalOptions
{
    public static SignalOptions Default { get; } = new();

    /// <summary>Nothing but audio presence and captions (read from the stream header, no decoding cost).</summary>
    public static SignalOptions None { get; } = new()
    {
        Silence = SilenceOptions.Disabled,
        Loudness = LoudnessOptions.Disabled,
        Black = BlackOptions.Disabled,
        Freeze = FreezeOptions.Disabled,
        Captions = false,
    };

    public SilenceOptions Silence { get; init; } = new();

    public LoudnessOptions Loudness { get; init; } = new();

    public BlackOptions Black { get; init; } = new();

    public FreezeOptions Freeze { get; init; } = new();

    /// <summary>Look for CEA-608/708 captions (ATSC A/53 user data) in every decoded frame, not just the header.</summary>
    public bool Captions { get; init; } = true;

    /// <summary>
    /// When false (default), black and freeze run on I and P frames only, B frames are not decoded: that halves the decode,
    /// which is most of the cost of the checks (6 s of 720p30: 0.30 s of CPU instead of 0.59 s). Stretch boundaries are then
    /// placed to within one B-frame run (at most 4 frames with HLS encoders, 0.13 s at 30 fps) and a black or frozen
    /// stretch shorter than that could be missed, far below the 2 s default minimum duration. Ignored (every frame is
    /// decoded) when the same run also delivers the sampled frames, which must be exact.
    /// </summary>
    public bool VideoChecksOnAllFrames { get; init; }

    public bool AnyAudioCheck => Silence.Enabled || Loudness.Enabled;

    public bool AnyVideoCheck => Black.Enabled || Freeze.Enabled;

    public void Validate()
    {
        if (Silence.Enabled && !(Silence.MinDuration > 0 && Silence.ThresholdDb < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(Silence), "Silence needs a positive minimum duration and a negative dB threshold.");
        }

        if (Black.Enabled && !(Black.MinDuration > 0 && Black.PictureRatio is > 0 and <= 1 && Black.PixelThreshold is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Black), "Black needs a positive minimum duration and ratios within [0, 1].");
        }

        if (Freeze.Enabled && !(Freeze.MinDuration > 0 && Freeze.NoiseDb < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(Freeze), "Freeze needs a positive minimum duration and a negative dB noise tolerance.");
        }

        if (Loudness.Enabled && Loudness.Tolerance is { } tolerance && tolerance < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Loudness), "Loudness tolerance cannot be negative.");
        }
    }
}

/// <param name="ThresholdDb">Audio below this level counts as silent (ffmpeg silencedetect noise).</param>
/// <param name="MinDuration">Seconds of silence before it is reported.</param>
public sealed record SilenceOptions(bool Enabled = true, double ThresholdDb = -60, double MinDuration = 1)
{
    public static SilenceOptions Disabled { get; } = new(Enabled: false);
}

/// <param name="Target">Integrated loudness target; null takes the standard's (-23 LUFS / -24 LKFS).</param>
/// <param name="Tolerance">Allowed distance from the target in LU; null takes the standard's (±1 LU live R128 / ±2 dB A/85).</param>
/// <param name="MaxTruePeak">Highest allowed true peak in dBTP; null takes the standard's (-1 / -2).</param>
public sealed record LoudnessOptions(
    bool Enabled = true,
    LoudnessStandard Standard = LoudnessStandard.EbuR128,
    double? Target = null,
    double? Tolerance = null,
    double? MaxTruePeak = null)
{
    public static LoudnessOptions Disabled { get; } = new(Enabled: false);

    public double EffectiveTarget => Target ?? (Standard == LoudnessStandard.AtscA85 ? -24 : -23);

    public double EffectiveTolerance => Tolerance ?? (Standard == LoudnessStandard.AtscA85 ? 2 : 1);

    public double EffectiveMaxTruePeak => MaxTruePeak ?? (Standard == LoudnessStandard.AtscA85 ? -2 : -1);
}

/// <summary>Defaults are ffmpeg blackdetect's (d=2, pic_th=0.98, pix_th=0.10).</summary>
/// <param name="PictureRatio">Share of a picture's pixels that must be black for the picture to count as black.</param>
/// <param name="PixelThreshold">Luma at or below this fraction of the range counts as a black pixel.</param>
public sealed record BlackOptions(bool Enabled = true, double MinDuration = 2, double PictureRatio = 0.98, double PixelThreshold = 0.10)
{
    public static BlackOptions Disabled { get; } = new(Enabled: false);
}

/// <summary>Defaults are ffmpeg freezedetect's (n=-60 dB, d=2).</summary>
public sealed record FreezeOptions(bool Enabled = true, double NoiseDb = -60, double MinDuration = 2)
{
    public static FreezeOptions Disabled { get; } = new(Enabled: false);
}
