using Orleans;
using Orleans.Concurrency;

namespace Glance.Grains.Interfaces.Viewers;

/// <summary>One viewer of a tenant (key: "tenant/viewer"): their profile; their engagement history joins it later.</summary>
public interface IViewerGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the profile, normalized (trimmed, de-duplicated, country upper case).</summary>
    /// <exception cref="Common.ValidationFailedException">A value is out of range; every such field is named.</exception>
    Task<(ViewerProfileView View, bool Created)> PutProfileAsync(ViewerProfile profile, CancellationToken cancellationToken = default);

    /// <exception cref="Common.ResourceNotFoundException">The viewer has no profile.</exception>
    Task<ViewerProfileView> GetProfileAsync(CancellationToken cancellationToken = default);

    /// <summary>Erases the profile (a viewer's right to be forgotten).</summary>
    /// <exception cref="Common.ResourceNotFoundException">The viewer has no profile.</exception>
    Task DeleteProfileAsync(CancellationToken cancellationToken = default);
}
