using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Engagement;
using Glance.Grains.Interfaces.Events;
using Glance.Grains.Interfaces.Viewers;
using Glance.Storage.Memory;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Engagement;

/// <summary>An engagement is answered only once it is stored and counted; a store failure on the way is repaired by the client's retry.</summary>
public sealed class EngagementDurabilityTests
{
    private static readonly QuestionPayload Question = new("Which year?", ["1998", "2004"], 1);

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
        var key = ResourceId.Scoped("acme", "final");
        var tomorrow = DateTimeOffset.UtcNow.AddDays(1);
        await silo.Grain<ILiveEventGrain>(key).CreateAsync(new LiveEventDefinition("Final", tomorrow, tomorrow.AddHours(2), new Uri("http://93.184.216.34/live/index.m3u8")));
        await silo.Grain<IInstrumentCatalogGrain>(key).PutAsync("quiz", new InstrumentDefinition(InstrumentKind.Quiz, "Quiz", Question: Question));
        return silo.Grain<IViewerGrain>(ResourceId.Scoped("acme", "v1"));
    }

    private static async Task<string> DecideAsync(IViewerGrain viewer) =>
        (await viewer.NextInstrumentAsync(new DecisionRequest("final", 10, null, 10, 5)))!.DecisionId;

    private static IEngagementTallyGrain Results(TestSilo silo) => silo.Grain<IEngagementTallyGrain>(ResourceId.Scoped("acme", "final"));
}
