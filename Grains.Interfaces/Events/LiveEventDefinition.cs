namespace Glance.Grains.Interfaces.Events;

/// <summary>What a broadcaster registers: a live HLS source and when to watch it.</summary>
/// <param name="Source">The master or media playlist URL.</param>
/// <param name="Variant">Which variant of a master playlist to follow.</param>
/// <param name="Sampling">How many frames per segment to analyse.</param>
/// <param name="Detectors">Detectors to run on sampled frames (for example "faces", "text", "logos"); null: the defaults.</param>
[GenerateSerializer, Immutable]
public sealed record LiveEventDefinition(
    string Name,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    Uri Source,
    VariantPreference? Variant = null,
    SamplingPolicy? Sampling = null,
    IReadOnlyList<string>? Detectors = null);

/// <param name="MaxHeight">Highest resolution (lines) to follow; the best variant at or under it is chosen.</param>
/// <param name="MaxBandwidth">Highest bandwidth (bits/s) to follow.</param>
[GenerateSerializer, Immutable]
public sealed record VariantPreference(int? MaxHeight = 720, long? MaxBandwidth = null);

/// <param name="FramesPerSecond">Sampled frames per second of video (default 1).</param>
/// <param name="EveryNthKeyframe">Alternatively, every Nth keyframe; when set it wins over the rate.</param>
[GenerateSerializer, Immutable]
public sealed record SamplingPolicy(double FramesPerSecond = 1, int? EveryNthKeyframe = null);
