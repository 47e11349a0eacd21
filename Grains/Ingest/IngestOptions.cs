using Glance.Media.Hls;

namespace Glance.Grains.Ingest;

/// <summary>How stream grains poll. Bound to "Ingest:Streams".</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest:Streams";

    /// <summary>How long a silo's claim to poll a stream lasts without renewal: the pause before another silo takes over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where a stream seen for the first time starts: three target durations from the end, like players, or the whole window.</summary>
    public CursorStartPosition Start { get; set; } = CursorStartPosition.LiveEdge;

    /// <summary>Longest wait between polls while the source keeps failing.</summary>
    public TimeSpan MaxErrorBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After this many failed loads in a row the master playlist is resolved again (the variant may be gone).</summary>
    public int ErrorsBeforeReresolve { get; set; } = 3;

    /// <summary>Segments handed but not yet acknowledged; beyond this, polling waits for analysis (back-pressure).</summary>
    public int MaxInFlight { get; set; } = 64;

    /// <summary>How many recent stream events the status keeps.</summary>
    public int RecentEvents { get; set; } = 30;
}
