using Glance.Grains.Interfaces.Engagement;
using Glance.Grains.Interfaces.Viewers;
using Glance.Storage.Memory;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Engagement;

/// <summary>An event's tally answers a count once it is written, and the engagements that arrive during a write share the next one.</summary>
public sealed class EngagementTallyTests
{
    [Fact]
    public async Task Engagements_arriving_during_a_write_share_the_next_and_none_is_answered_before_it_is_written()
    {
        var store = new WatchedStateWrites(new MemoryStorageProvider(), "tally@engagement-tally");
        await using var silo = await TestSilo.StartAsync(store);
        var viewers = await ViewersWithDecisionsAsync(silo, 10);
        store.Hold = true;

        var engagements = viewers.Select(v => v.Viewer.EngageAsync(new EngagementReport(v.DecisionId, EngagementType.Answer, "k1", 1))).ToList();
        await store.Held.WaitAsync(TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(async () => (await Tally(silo).GetResultsAsync(10)).Instruments.SingleOrDefault()?.Answers == 10, "all ten are counted in memory while the first write is out");

        engagements.Should().OnlyContain(e => !e.IsCompleted, "nothing is answered before its count is written");
        store.Release();
        await Task.WhenAll(engagements);

        store.Count.Should().Be(2, "the first write, then one for the nine that arrived during it");
        store.MostOutAtOnce.Should().Be(1);
        var results = await Tally(silo).GetResultsAsync(10);
        results.Instruments.Single().CorrectAnswers.Should().Be(10);
        results.ScoredViewers.Should().Be(10);
        results.UnscoredEngagements.Should().Be(0);
    }

    [Fact]
    public async Task Viewers_beyond_the_scored_limit_are_counted_and_the_results_say_how_many_went_unscored()
    {
        await using var silo = await TestSilo.StartAsync(settings: new Dictionary<string, string?> { ["Engagement:MaxScoredViewersPerEvent"] = "1" });
        var viewers = await ViewersWithDecisionsAsync(silo, 3);

        foreach (var (viewer, decisionId) in viewers)
        {
            await viewer.EngageAsync(new EngagementReport(decisionId, EngagementType.Answer, "k1", 1));
        }

        var results = await Tally(silo).GetResultsAsync(10);
        results.Instruments.Single().Answers.Should().Be(3, "every engagement is counted");
        results.QuizScores.Should().ContainSingle("only one viewer fits");
        results.UnscoredEngagements.Should().Be(2, "the cap is reported, not silent");
    }

    private static async Task<List<(IViewerGrain Viewer, string DecisionId)>> ViewersWithDecisionsAsync(TestSilo silo, int count)
    {
        await QuizEvent.CreateAsync(silo);
        var viewers = new List<(IViewerGrain, string)>();
        for (var i = 0; i < count; i++)
        {
            var viewer = QuizEvent.Viewer(silo, $"v{i}");
            viewers.Add((viewer, await QuizEvent.DecideAsync(viewer)));
        }

        return viewers;
    }

    private static IEngagementTallyGrain Tally(TestSilo silo) => QuizEvent.Tally(silo);
}
