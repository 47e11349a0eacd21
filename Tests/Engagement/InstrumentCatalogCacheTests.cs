using Glance.Grains.Engagement;
using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Engagement;
using Glance.Grains.Interfaces.Events;
using Glance.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Engagement;

/// <summary>A silo's copies of event catalogs stay within their bound, expired copies going before young ones.</summary>
public sealed class InstrumentCatalogCacheTests
{
    [Fact]
    public async Task Beyond_the_bound_expired_copies_go_first_and_then_the_oldest()
    {
        await using var silo = await TestSilo.StartAsync();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var cache = new InstrumentCatalogCache(silo.Grains, Options.Create(new EngagementOptions { MaxCachedCatalogs = 3, CatalogRefresh = TimeSpan.FromSeconds(1) }), clock);
        foreach (var eventId in new[] { "old", "a", "b", "c", "d" })
        {
            var tomorrow = DateTimeOffset.UtcNow.AddDays(1);
            await silo.Grain<ILiveEventGrain>(Key(eventId)).CreateAsync(new LiveEventDefinition(eventId, tomorrow, tomorrow.AddHours(1), new Uri("http://93.184.216.34/live/index.m3u8")));
        }

        await cache.GetAsync(Key("old"), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2));
        foreach (var young in new[] { "a", "b", "c" })
        {
            await cache.GetAsync(Key(young), CancellationToken.None);
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        cache.Count.Should().Be(3, "the expired copy of 'old' went first, and the three young ones fit");

        await cache.GetAsync(Key("d"), CancellationToken.None);

        cache.Count.Should().Be(3, "none had expired, so the oldest young copy went");
        foreach (var eventId in new[] { "a", "b" })
        {
            await silo.Grain<IInstrumentCatalogGrain>(Key(eventId)).PutAsync("poll", new InstrumentDefinition(InstrumentKind.Poll, "Poll", Poll: new PollPayload("Who wins?", ["A", "B"])));
        }

        (await cache.GetAsync(Key("b"), CancellationToken.None)).Should().BeEmpty("the copy of 'b' is kept and still young");
        (await cache.GetAsync(Key("a"), CancellationToken.None)).Should().ContainSingle("the copy of 'a', the oldest, was dropped, so the catalog is read again");
    }

    private static string Key(string eventId) => ResourceId.Scoped("acme", eventId);
}
