using Glance.Runtime;

namespace Glance.Grains.Interfaces.Ingest;

/// <summary>
/// Follows one event's HLS source (key: "tenant/event"): polls the playlist by RFC 8216's reload rules, keeps a
/// persisted cursor so that each segment is handed to analysis once and in order (also across restarts), and records
/// stalls, gaps, restarts and errors. Across silos, a lease makes sure only one polls.
/// </summary>
public interface IStreamIngestGrain : IGrainWithStringKey
{
    /// <summary>Starts (or keeps) polling with this configuration. Idempotent.</summary>
    Task StartAsync(StreamIngestConfig config, CancellationToken cancellationToken = default);

    /// <summary>Stops polling. Idempotent.</summary>
    Task StopAsync(CancellationToken cancellationToken = default);

    /// <summary>Analysis is done with this segment; it will not be handed again after a restart.</summary>
    Task AcknowledgeAsync(int epoch, long mediaSequence, CancellationToken cancellationToken = default);

    [AlwaysInterleave]
    Task<StreamIngestStatus> GetStatusAsync(CancellationToken cancellationToken = default);
}
