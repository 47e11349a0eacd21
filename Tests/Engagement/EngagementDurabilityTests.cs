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

    [Fact]
    public async Task A_capped_serving_whose_write_failed_leaves_no_decision_and_no_count_behind()
    {
        var memory = new MemoryStorageProvider();
        var store = new FailingStateWrites(memory, "viewer@viewer");
        await using var silo = await TestSilo.StartAsync(store);
        var viewer = await ViewerWithDecisionAsync(silo);
        var held = await DecideAsync(viewer);
        await silo.Grain<IInstrumentCatalogGrain>(QuizEvent.Key).PutAsync("capped", new InstrumentDefinition(InstrumentKind.Poll, "Capped", Poll: new PollPayload("Who wins?", ["A", "B"]), Priority: 100, MaxPerViewer: 1));
        store.FailuresLeft = 1;

        var failed = () => QuizEvent.NextAsync(viewer);

        await failed.Should().ThrowAsync<Exception>("a capped serving is written before it is answered");
        var capped = await QuizEvent.NextAsync(viewer);
        capped!.Instrument.Id.Should().Be("capped", "the failed serving did not count against the cap");
        var quiz = await QuizEvent.NextAsync(viewer);
        quiz!.Instrument.Id.Should().Be("quiz", "the serving that was answered did");
        var receipt = await viewer.EngageAsync(new EngagementReport(held, EngagementType.Answer, "k1", 1));
        receipt.Correct.Should().BeTrue("the decision held before the failed write is still known");
        var vote = await viewer.EngageAsync(new EngagementReport(capped.DecisionId, EngagementType.Vote, "k2", 0));
        vote.InstrumentId.Should().Be("capped");
        (await StoredDecisions.IdsAsync(memory, viewer)).Should().Equal([held, capped.DecisionId, quiz.DecisionId], "the held decision, the capped one and the quiz; not the serving that failed");
    }

    private static async Task<IViewerGrain> ViewerWithDecisionAsync(TestSilo silo)
    {
        await QuizEvent.CreateAsync(silo);
        return QuizEvent.Viewer(silo, "v1");
    }

    private static Task<string> DecideAsync(IViewerGrain viewer) => QuizEvent.DecideAsync(viewer);

    private static IEngagementTallyGrain Results(TestSilo silo) => QuizEvent.Tally(silo);
}
