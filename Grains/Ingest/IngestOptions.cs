using Glance.Media.Hls;

namespace Glance.Grains.Ingest;

/// <summary>How stream grains poll. Bound to "Ingest:Streams".</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest:Streams";


    /// <summary>
    /// Period of the durable reminder that brings a running stream back after its silo stopped or died: the longest
    /// pause in polling a failover causes (keep it well under the playlist's window, or segments are lost to the gap).
    /// </summary>
    public TimeSpan ResumeInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Where a stream seen for the first time starts: three target durations from the end, like players, or the whole window.</summary>
    public CursorStartPosition Start { get; set; } = CursorStartPosition.LiveEdge;

    /// <summary>Longest wait between polls while the source keeps failing.</summary>
    public TimeSpan MaxErrorBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After this many failed loads in a row the master playlist is resolved again (the variant may be gone).</summary>
    public int ErrorsBeforeReresolve { get; set; } = 3;

    /// <summary>Segments handed but not yet acknowledged; beyond this, polling waits for analysis (back-pressure).</summary>
    public int MaxInFlight { get; set; } = 64;

    /// <summary>
    /// A handed segment not acknowledged this long after is handed again (its result was lost on the way to the
    /// timeline). Longer than a segment can wait in its lane and be analysed, or work is done twice.
    /// </summary>
    public TimeSpan AcknowledgeTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// After the timeline reports results set aside behind its newest record (a lost result) and what follows that
    /// record was made due again, further reports behind the same record are ignored this long: every result set aside
    /// sends one, and the segments handed again need time to get through analysis before another round would help.
    /// </summary>
    public TimeSpan PredecessorRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many recent stream events the status keeps.</summary>
    public int RecentEvents { get; set; } = 30;

    /// <summary>How many distinct playlist warnings (RFC 8216 violations read past) the status keeps.</summary>
    public int RecentWarnings { get; set; } = 16;
}
