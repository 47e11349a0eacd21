using Orleans;
using Orleans.Concurrency;

namespace Glance.Grains.Interfaces.Ingest;

/// <summary>
/// Follows one event's HLS source (key: "tenant/event"): polls the playlist by RFC 8216's reload rules, keeps a
/// persisted cursor so that each segment is handed to analysis once and in order (also across restarts), and records
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

    /// <summary>Analysis is done with this segment; it will not be handed again after a restart.</summary>
    Task AcknowledgeAsync(int epoch, long mediaSequence, CancellationToken cancellationToken = default);

    [AlwaysInterleave]
    Task<StreamIngestStatus> GetStatusAsync(CancellationToken cancellationToken = default);
}
