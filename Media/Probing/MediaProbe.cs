namespace Glance.Media.Probing;

/// <summary>
/// What ffprobe says a media file or segment holds: its container and every stream in it. Durations and rates are
/// null where the container does not say (a live segment read from a pipe has no bit rate, a still image no duration).
/// </summary>
public sealed record MediaProbe(
    string FormatName,
    string FormatLongName,
    TimeSpan? Duration,
    TimeSpan StartTime,
    long? BitRate,
    IReadOnlyList<ProbedStream> Streams);
