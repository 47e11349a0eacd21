using System.Text.Json;
using Glance.Grains.Interfaces.Engagement;
using Glance.Grains.Interfaces.Viewers;
using Glance.Storage.Memory;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Engagement;

/// <summary>
/// A viewer grain writes its decisions behind (on a timer, with the next engagement, on deactivation, or at once when
/// too many are held or a cap is involved); engagements are still written before they are answered.
/// </summary>
public sealed class DecisionWriteBehindTests
{
    [Fact]
    public async Task Decisions_are_held_in_memory_and_written_with_the_next_engagement_before_it_is_answered()
    {
        var store = new WatchedStateWrites(new MemoryStorageProvider(), "viewer@viewer");
        await using var silo = await TestSilo.StartAsync(store, Settings(interval: "00:01:00"));
        var viewer = await ViewerAsync(silo);

        var decisions = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            decisions.Add(await DecideAsync(viewer));
        }

        store.Count.Should().Be(0, "decisions wait for the timer, a minute away");
        var receipt = await viewer.EngageAsync(new EngagementReport(decisions[1], EngagementType.Answer, "k1", 1));

        receipt.Correct.Should().BeTrue("the decision held in memory is the one the engagement is checked against");
        store.Count.Should().Be(1, "the engagement is written before it is answered, and the decisions with it");
        (await Count(store, viewer)).Should().Be(3);
        Stored(store, "engagements").Should().Be(1);
    }

    [Fact]
    public async Task Held_decisions_are_written_by_the_timer()
    {
        var store = new WatchedStateWrites(new MemoryStorageProvider(), "viewer@viewer");
        await using var silo = await TestSilo.StartAsync(store, Settings(interval: "00:00:00.1"));
        var viewer = await ViewerAsync(silo);

        await DecideAsync(viewer);
        await DecideAsync(viewer);

        await Eventually.TrueAsync(async () => await Count(store, viewer) == 2, "the timer writes both decisions");
        store.Count.Should().Be(0, "the timer puts the records alone; the row catches up with the next write that needs it");
    }

    [Fact]
    public async Task Held_decisions_are_written_when_the_viewer_is_deactivated()
    {
        var store = new WatchedStateWrites(new MemoryStorageProvider(), "viewer@viewer");
        await using var silo = await TestSilo.StartAsync(store, Settings(interval: "00:01:00"));
        var viewer = await ViewerAsync(silo);
        var decisionId = await DecideAsync(viewer);
        store.Count.Should().Be(0);

        await silo.DeactivateIdleAsync();

        await Eventually.TrueAsync(() => store.Count == 1, "the deactivation writes the held decision");
        (await Count(store, viewer)).Should().Be(1);
        var receipt = await viewer.EngageAsync(new EngagementReport(decisionId, EngagementType.Answer, "k1", 1));
        receipt.Correct.Should().BeTrue("the next activation read the decision back");
    }

    [Fact]
    public async Task The_decision_beyond_the_bound_and_a_capped_serving_are_written_before_they_are_answered()
    {
        var store = new WatchedStateWrites(new MemoryStorageProvider(), "viewer@viewer");
        await using var silo = await TestSilo.StartAsync(store, Settings(interval: "00:01:00", maxUnsaved: "2"));
        var viewer = await ViewerAsync(silo);

        await DecideAsync(viewer);
        await DecideAsync(viewer);
        store.Count.Should().Be(0, "two may be held");
        await DecideAsync(viewer);
        (await Count(store, viewer)).Should().Be(3, "the third is written, with the two held, before it is answered");
        store.Count.Should().Be(0, "as records alone: an activation counts them, the row catches up later");

        await silo.Grain<IInstrumentCatalogGrain>(QuizEvent.Key).PutAsync("capped", new InstrumentDefinition(InstrumentKind.Poll, "Capped", Poll: new PollPayload("Who wins?", ["A", "B"]), Priority: 100, MaxPerViewer: 1));
        var capped = await QuizEvent.NextAsync(viewer);
        capped!.Instrument.Id.Should().Be("capped");
        store.Count.Should().Be(1, "a capped serving's count is in the row, or the cap could reopen");

        await silo.DeactivateIdleAsync();
        (await QuizEvent.NextAsync(viewer))!.Instrument.Id.Should().Be("quiz", "the cap holds after the viewer was reloaded");
    }

    [Fact]
    public async Task Held_decisions_outlive_a_write_conflict_and_land_on_the_state_the_other_writer_stored()
    {
        var store = new WatchedStateWrites(new MemoryStorageProvider(), "viewer@viewer");
        await using var silo = await TestSilo.StartAsync(store, Settings(interval: "00:01:00"));
        var viewer = await ViewerAsync(silo);
        var first = await DecideAsync(viewer);
        await viewer.EngageAsync(new EngagementReport(first, EngagementType.Answer, "k1", 1));
        var held = new[] { await DecideAsync(viewer), await DecideAsync(viewer) };
        await AnotherWriterAsync(store);

        var receipt = await viewer.EngageAsync(new EngagementReport(held[0], EngagementType.Answer, "k2", 1));

        receipt.Correct.Should().BeTrue("the held decision is still known after the reload");
        (await Count(store, viewer)).Should().Be(3, "the two held decisions were applied to the reloaded state, not lost with the stale memory");
        Stored(store, "engagements").Should().Be(2);

        var third = await DecideAsync(viewer);
        await AnotherWriterAsync(store);
        await silo.DeactivateIdleAsync();
        await Eventually.TrueAsync(async () => await Count(store, viewer) == 4, "the deactivation's write of a held decision also survives a conflict");
        (await viewer.EngageAsync(new EngagementReport(third, EngagementType.Answer, "k3", 1))).Correct.Should().BeTrue();
    }

    /// <summary>Someone else writes the viewer's stored row (same content, new ETag), so the grain's next write conflicts.</summary>
    private static async Task AnotherWriterAsync(WatchedStateWrites store)
    {
        var key = store.LastKey!;
        var stored = (await store.GrainState.ReadAsync("viewer@viewer", key, CancellationToken.None))!;
        await store.GrainState.WriteAsync("viewer@viewer", key, stored.Data, stored.ETag, CancellationToken.None);
    }

    private static Dictionary<string, string?> Settings(string interval, string maxUnsaved = "100") => new()
    {
        ["Engagement:DecisionSaveInterval"] = interval,
        ["Engagement:MaxUnsavedDecisions"] = maxUnsaved,
    };

    private static async Task<IViewerGrain> ViewerAsync(TestSilo silo)
    {
        await QuizEvent.CreateAsync(silo);
        return QuizEvent.Viewer(silo, "v1");
    }

    private static Task<string> DecideAsync(IViewerGrain viewer) => QuizEvent.DecideAsync(viewer);

    private static async Task<int> Count(WatchedStateWrites store, IViewerGrain viewer) => (await StoredDecisions.IdsAsync(store, viewer)).Count;

    /// <summary>The length of a list in the viewer's stored state.</summary>
    private static int Stored(WatchedStateWrites store, string list)
    {
        using var json = JsonDocument.Parse(store.Last!);
        return json.RootElement.EnumerateObject().Single(p => p.NameEquals(list) || string.Equals(p.Name, list, StringComparison.OrdinalIgnoreCase)).Value.GetArrayLength();
    }
}
