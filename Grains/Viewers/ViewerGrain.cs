using Glance.Grains.Common;
using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Viewers;
using Orleans;
using Orleans.Runtime;

namespace Glance.Grains.Viewers;

[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class ViewerState
{
    public ViewerProfile? Profile { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A viewer of a tenant and what they told us about themselves.</summary>
[GrainType("viewer")]
public sealed class ViewerGrain([PersistentState("viewer")] IPersistentState<ViewerState> viewer, TimeProvider clock) : Grain, IViewerGrain
{
    public async Task<(ViewerProfileView View, bool Created)> PutProfileAsync(ViewerProfile profile, CancellationToken cancellationToken = default)
    {
        var normalized = ViewerProfileRules.Normalize(profile);
        var now = clock.GetUtcNow();
        var created = false;
        await viewer.UpdateAsync(
            s =>
            {
                // Decided on the state the write lands on: after an ETag conflict that is the reloaded one.
                created = s.Profile is null;
                s.CreatedAt = created ? now : s.CreatedAt;
                s.Profile = normalized;
                s.UpdatedAt = now;
                return s;
            },
            cancellationToken);
        return (View(), created);
    }

    public Task<ViewerProfileView> GetProfileAsync(CancellationToken cancellationToken = default) => Task.FromResult(View());

    public async Task DeleteProfileAsync(CancellationToken cancellationToken = default)
    {
        _ = View();
        await viewer.ClearStateAsync(cancellationToken);
        viewer.State = new ViewerState();
    }

    private ViewerProfileView View()
    {
        var (_, viewerId) = ResourceId.Unscope(this.GetPrimaryKeyString());
        var state = viewer.State;
        if (state.Profile is not { } p)
        {
            throw new ResourceNotFoundException("Viewer profile", viewerId);
        }

        return new ViewerProfileView(
            viewerId, p.AgeRange, p.Gender, p.Country, p.Languages ?? [], p.Interests ?? [], p.Segments ?? [], p.Personalization, state.CreatedAt, state.UpdatedAt);
    }
}
