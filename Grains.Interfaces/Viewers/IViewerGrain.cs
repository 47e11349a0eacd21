using Glance.Grains.Interfaces.Engagement;
namespace Glance.Grains.Interfaces.Viewers;

/// <summary>One viewer of a tenant (key: "tenant/viewer"): their profile, the decisions served to them and their engagement history.</summary>
public interface IViewerGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the profile, normalized (trimmed, de-duplicated, country upper case).</summary>
    /// <exception cref="Common.ValidationFailedException">A value is out of range; every such field is named.</exception>
    Task<(ViewerProfileView View, bool Created)> PutProfileAsync(ViewerProfile profile, CancellationToken cancellationToken = default);

    /// <exception cref="Common.ResourceNotFoundException">The viewer has no profile.</exception>
    Task<ViewerProfileView> GetProfileAsync(CancellationToken cancellationToken = default);

    /// <summary>Erases the profile and with it the engagement and decision history (a viewer's right to be forgotten).</summary>
    /// <exception cref="Common.ResourceNotFoundException">The viewer has neither a profile nor a history.</exception>
    Task DeleteProfileAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Chooses the instrument to show now from the event's catalog and the context around the position, records the
    /// serving (caps and spacing count it) and answers it; null when nothing qualifies.
    /// </summary>
    /// <exception cref="Common.ResourceNotFoundException">The event is unknown.</exception>
    /// <exception cref="Common.ValidationFailedException">The window is out of range.</exception>
    Task<InstrumentDecision?> NextInstrumentAsync(DecisionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Records an engagement durably (and counts it in the event's tally) before answering.</summary>
    /// <exception cref="Common.ValidationFailedException">The decision is unknown or the engagement does not fit it.</exception>
    /// <exception cref="Common.ResourceConflictException">The idempotency key was used for a different engagement.</exception>
    Task<EngagementReceipt> EngageAsync(EngagementReport report, CancellationToken cancellationToken = default);

    /// <summary>The viewer's recorded engagements, newest first.</summary>
    Task<IReadOnlyList<EngagementReceipt>> GetEngagementsAsync(CancellationToken cancellationToken = default);
}
