namespace Glance.Grains.Interfaces.Streams;

/// <summary>
/// The Orleans stream provider and the stream namespaces the grains talk on; one stream per event in each namespace,
/// keyed like the event's grains ("tenant/event").
/// </summary>
public static class StreamNames
{
    /// <summary>The stream provider the silo registers (memory streams; pub-sub state in grain storage).</summary>
    public const string Provider = "glance";

    /// <summary>Grain storage name of the stream pub-sub state (Orleans' conventional name).</summary>
    public const string PubSubStore = "PubSubStore";

    /// <summary>Stall, gap, restart, failure and end of a stream, as the stream grain records them.</summary>
    public const string IngestEvents = "ingest";

    /// <summary>One <c>SegmentAnalysisResult</c> per analysed segment.</summary>
    public const string SegmentResults = "segment-results";

    /// <summary>
    /// One <c>LiveMonitorUpdate</c> per checked segment and per incident opened or closed, for all of a tenant's events
    /// (keyed by the tenant id, so that one dashboard connection subscribes once however many events it shows). No grain
    /// subscribes implicitly: the live feeds subscribe while they are open.
    /// </summary>
    public const string MonitorLive = "monitor-live";
}
