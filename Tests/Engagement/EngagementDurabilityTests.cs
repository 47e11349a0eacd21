using Glance.Grains.Interfaces.Engagement;
using Glance.Grains.Interfaces.Viewers;
using Glance.Storage.Memory;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Engagement;

/// <summary>An engagement is answered only once it is stored and counted; a store failure on the way is repaired by the client's retry.</summary>
public sealed class EngagementDurabilityTests
{
    [Fact]
    public async Task A_failed_history_write_is_not_acknowledged_and_not_remembered()
    {
        var store = new FailingStateWrites(new MemoryStorageProvider(), "viewer@viewer");
        await using var silo = await TestSilo.StartAsync(store);
        var viewer = await ViewerWithDecisionAsync(silo);
        var decisionId = await DecideAsync(viewer);
        store.FailuresLeft = 1;

        var failed = () => viewer.EngageAsync(new EngagementReport(decisionId, EngagementType.Answer, "k1", 1));

        await failed.Should().ThrowAsync<Exception>("the store did not take the write");
        (await viewer.GetEngagementsAsync()).Should().BeEmpty("what was not stored is not answered from memory either");
        var retried = await viewer.EngageAsync(new EngagementReport(decisionId, EngagementType.Answer, "k1", 1));
        retried.Replayed.Should().BeFalse("the first attempt was never recorded");
        retried.Correct.Should().BeTrue();
        (await Results(silo).GetResultsAsync(10)).Instruments.Single().Answers.Should().Be(1);
    }

    [Fact]
    public async Task A_failed_tally_write_is_not_acknowledged_and_the_retry_counts_it_once()
    {
        var store = new FailingStateWrites(new MemoryStorageProvider(), "tally@engagement-tally");
        await using var silo = await TestSilo.StartAsync(store);
        var viewer = await ViewerWithDecisionAsync(silo);
        var decisionId = await DecideAsync(viewer);
        store.FailuresLeft = 1;

        var failed = () => viewer.EngageAsync(new EngagementReport(decisionId, EngagementType.Answer, "k1", 0));

        await failed.Should().ThrowAsync<Exception>("the tally did not take the write");
        (await Results(silo).GetResultsAsync(10)).Instruments.Should().BeEmpty();
        var retried = await viewer.EngageAsync(new EngagementReport(decisionId, EngagementType.Answer, "k1", 0));
        var again = await viewer.EngageAsync(new EngagementReport(decisionId, EngagementType.Answer, "k1", 0));
        retried.Replayed.Should().BeTrue("the history had stored it before the tally failed");
        again.Sequence.Should().Be(retried.Sequence);
        var results = await Results(silo).GetResultsAsync(10);
        results.Instruments.Single().Answers.Should().Be(1, "the retry counted it, the repeat did not count it again");
        results.QuizScores.Single().Should().Be(new QuizScore("v1", 1, 0));
    }

    private static async Task<IViewerGrain> ViewerWithDecisionAsync(TestSilo silo)
    {
        await QuizEvent.CreateAsync(silo);
        return QuizEvent.Viewer(silo, "v1");
    }

    private static Task<string> DecideAsync(IViewerGrain viewer) => QuizEvent.DecideAsync(viewer);

    private static IEngagementTallyGrain Results(TestSilo silo) => QuizEvent.Tally(silo);
}
