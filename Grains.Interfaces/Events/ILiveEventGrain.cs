namespace Glance.Grains.Interfaces.Events;

/// <summary>
/// One live event of a tenant (key: "tenant/event"): its definition, its state (Scheduled, Live, Ended, Failed) and
/// the durable reminder that starts ingestion a lead time before the start and stops it a grace time after the end.
/// </summary>
public interface ILiveEventGrain : IGrainWithStringKey
{
    /// <summary>Creates the event, or replaces the definition of an existing one.</summary>
    /// <returns>The event, and whether it was created.</returns>
    Task<(LiveEventView Event, bool Created)> PutAsync(LiveEventDefinition definition, CancellationToken cancellationToken = default);

    /// <exception cref="Common.ResourceConflictException">The event exists already.</exception>
    Task<LiveEventView> CreateAsync(LiveEventDefinition definition, CancellationToken cancellationToken = default);

    /// <returns>The event, or null when it does not exist.</returns>
    Task<LiveEventView?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops ingestion and forgets the event.</summary>
    Task DeleteAsync(CancellationToken cancellationToken = default);

    /// <summary>Starts ingestion now, whatever the schedule says, until stopped by hand.</summary>
    Task<LiveEventView> StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops ingestion now, whatever the schedule says, until started by hand.</summary>
    Task<LiveEventView> StopAsync(CancellationToken cancellationToken = default);
}
