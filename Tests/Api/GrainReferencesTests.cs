using System.Net.Http.Json;
using Glance.Api.Endpoints;
using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Timeline;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Glance.Tests.Api;

/// <summary>References built from the once-resolved identity address the same single activation Orleans' own do.</summary>
public sealed class GrainReferencesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public void A_reference_by_key_is_the_reference_Orleans_builds()
    {
        var grains = api.Services.GetRequiredService<IGrainFactory>();
        foreach (var key in new[] { ResourceId.Scoped("t1", "e1"), ResourceId.Scoped("t2", "e1"), "plain" })
        {
            var ours = (GrainReference)(object)grains.GetGrainByKey<IEventTimelineGrain>(key);
            var orleans = (GrainReference)(object)grains.GetGrain<IEventTimelineGrain>(key);

            ours.GrainId.Should().Be(orleans.GrainId);
            ours.InterfaceType.Should().Be(orleans.InterfaceType);
            ours.GetPrimaryKeyString().Should().Be(key);
        }
    }

    [Fact]
    public void Every_kind_of_grain_the_decision_path_calls_is_referenced_as_Orleans_does()
    {
        var grains = api.Services.GetRequiredService<IGrainFactory>();
        var key = ResourceId.Scoped("t1", "v1");

        SameAsOrleans<Glance.Grains.Interfaces.Viewers.IViewerGrain>(grains, key);
        SameAsOrleans<Glance.Grains.Interfaces.Engagement.IInstrumentCatalogGrain>(grains, key);
        SameAsOrleans<Glance.Grains.Interfaces.Engagement.IInstrumentLearnerGrain>(grains, key);
        SameAsOrleans<Glance.Grains.Interfaces.Engagement.IEngagementTallyGrain>(grains, key);
        SameAsOrleans<Glance.Grains.Interfaces.Access.IApiKeyGrain>(grains, "k1");
    }

    private static void SameAsOrleans<TGrain>(IGrainFactory grains, string key)
        where TGrain : IGrainWithStringKey
    {
        var ours = (GrainReference)(object)grains.GetGrainByKey<TGrain>(key);
        var orleans = (GrainReference)(object)grains.GetGrain<TGrain>(key);
        ours.GrainId.Should().Be(orleans.GrainId, typeof(TGrain).Name);
        ours.InterfaceType.Should().Be(orleans.InterfaceType, typeof(TGrain).Name);
    }

    [Fact]
    public async Task Calls_through_it_reach_the_activation_that_Orleans_references_reach()
    {
        var (broadcaster, tenant) = await api.NewTenantAsync();
        (await broadcaster.PostAsJsonAsync("/v1/events", ApiFactory.UpcomingEvent("refs"))).EnsureSuccessStatusCode();
        var grains = api.Services.GetRequiredService<IGrainFactory>();
        var key = ResourceId.Scoped(tenant.Tenant.Id, "refs");

        var ours = await grains.GetGrainByKey<IEventTimelineGrain>(key).GetContextAsync(10, 10, 5);
        var orleans = await grains.GetGrain<IEventTimelineGrain>(key).GetContextAsync(10, 10, 5);

        ours.Should().BeEquivalentTo(orleans);
        ours.EventId.Should().Be("refs");
    }
}
