namespace Glance.Grains.Interfaces.Ingest;

/// <summary>
/// Follows one event's HLS source (key: "tenant/event"): polls the playlist by RFC 8216's reload rules, keeps a
/// persisted cursor so that each segment is handed to analysis once and in order (also across restarts), owns where
/// analysis resumes (the last recorded segment and the stream clock after it), and records
/// stalls, gaps, restarts and errors. Orleans keeps one activation in the cluster; a durable reminder brings it back on another silo when its silo goes.
/// </summary>
public interface IStreamIngestGrain : IGrainWithStringKey
{
    /// <summary>Starts (or keeps) polling with this configuration. Idempotent.</summary>
    Task StartAsync(StreamIngestConfig config, CancellationToken cancellationToken = default);

    /// <summary>Stops polling. Idempotent.</summary>
    Task StopAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stops polling and forgets the stream: cursor, counters, recent events and segments in flight. The event was
    /// deleted; one created again under its id starts afresh, even on the same source.
    /// </summary>
    Task ForgetAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Told by the timeline once it has durably recorded a segment's result: the segment leaves the in-flight set (it
    /// is not handed again after a restart) and, when it is the newest recorded, the resume point moves to it.
    /// </summary>
    /// <param name="analysisState">The media analysis state after the segment; null (a failed segment) keeps the one before.</param>
    Task RecordedAsync(int epoch, long mediaSequence, string? analysisState, CancellationToken cancellationToken = default);

    /// <summary>
    /// Told by the timeline when a segment's result arrived before its predecessor's (a result lost on its way, as when
    /// the silo holding the stream queue stops): what follows the timeline's newest record is handed again at the next
    /// poll, rather than when its recording is overdue, once however many results report it. A successor the stream
    /// grain no longer holds is given up: the oldest segment in flight after the newest record is relinked to follow
    /// it, and the gap is logged. One-way: the timeline must not wait on a stream grain that may be busy handing.
    /// </summary>
    /// <param name="waiting">The segment whose result the timeline set aside.</param>
    /// <param name="newestRecorded">The timeline's newest record; null when it has none.</param>
    [OneWay]
    Task PredecessorMissingAsync(SegmentPosition waiting, SegmentPosition? newestRecorded, CancellationToken cancellationToken = default);

    [AlwaysInterleave]
    Task<StreamIngestStatus> GetStatusAsync(CancellationToken cancellationToken = default);
}
