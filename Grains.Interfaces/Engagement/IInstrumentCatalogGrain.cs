namespace Glance.Grains.Interfaces.Engagement;

/// <summary>
/// The instruments of one event (key: "tenant/event"). One grain holds the whole catalog because a decision reads
/// every instrument of the event at once: one in-memory snapshot answers it without a fan-out.
/// </summary>
public interface IInstrumentCatalogGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces an instrument, normalized.</summary>
    /// <exception cref="Common.ValidationFailedException">Values are out of range; each bad field is named.</exception>
    /// <exception cref="Common.ResourceNotFoundException">The event does not exist.</exception>
    /// <exception cref="Common.ResourceConflictException">The event holds the most instruments allowed.</exception>
    Task<(InstrumentView View, bool Created)> PutAsync(string instrumentId, InstrumentDefinition definition, CancellationToken cancellationToken = default);

    /// <exception cref="Common.ResourceNotFoundException">No such instrument.</exception>
    [AlwaysInterleave]
    Task<InstrumentView> GetAsync(string instrumentId, CancellationToken cancellationToken = default);

    /// <exception cref="Common.ResourceNotFoundException">No such instrument.</exception>
    Task DeleteAsync(string instrumentId, CancellationToken cancellationToken = default);

    /// <summary>Instruments ordered by id, after <paramref name="afterId"/> (exclusive), at most <paramref name="limit"/>.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<InstrumentView>> ListAsync(string? afterId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Every instrument of the event, for a decision. Answers from memory, never queues behind a write.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<InstrumentView>> GetAllAsync(CancellationToken cancellationToken = default);

    /// <summary>The event was deleted: forget its instruments.</summary>
    Task ClearAsync(CancellationToken cancellationToken = default);
}
