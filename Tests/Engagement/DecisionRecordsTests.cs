using System.Text.Json;
using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Engagement;
using Glance.Grains.Interfaces.Viewers;
using Glance.Grains.Viewers;
using Glance.Storage.Memory;
using Glance.Storage.Persistence;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Engagement;

/// <summary>
/// A viewer's decisions are records of their own, each written once (after the state row, or by the timer alone); the
/// row stays small however long the history.
/// </summary>
public sealed class DecisionRecordsTests
{
    [Fact]
    public async Task Each_write_adds_only_the_decisions_made_since_the_last_and_the_row_carries_none()
    {
        var memory = new MemoryStorageProvider();
        var store = new WatchedRecordPuts(memory, "viewer-decisions/");
        await using var silo = await TestSilo.StartAsync(store, Settings());
        var viewer = await ViewerAsync(silo);

        var first = new[] { await DecideAsync(viewer), await DecideAsync(viewer), await DecideAsync(viewer) };
        await viewer.EngageAsync(new EngagementReport(first[0], EngagementType.Impression, "k1"));
        var second = new[] { await DecideAsync(viewer), await DecideAsync(viewer) };
        await viewer.EngageAsync(new EngagementReport(second[1], EngagementType.Impression, "k2"));
        await viewer.EngageAsync(new EngagementReport(second[1], EngagementType.Answer, "k3", 1));

        store.Batches.Should().Equal([3, 2], "each write puts the decisions made since the last, and a write without new decisions puts none");
        (await StoredDecisions.IdsAsync(memory, viewer)).Should().Equal([.. first, .. second]);
        (await StoredDecisions.KeysAsync(memory, viewer)).Should().Equal(1, 2, 3, 4, 5);
        var row = await memory.GrainState.ReadAsync("viewer@viewer", viewer.GetGrainId().ToString(), CancellationToken.None);
        using var json = JsonDocument.Parse(row!.Data);
        json.RootElement.TryGetProperty("decisions", out _).Should().BeFalse();
        json.RootElement.GetProperty("decisionSequence").GetInt64().Should().Be(5);
    }

    [Fact]
    public async Task Records_that_fall_out_of_the_history_are_deleted_and_a_reloaded_viewer_reads_only_the_history()
    {
        var memory = new MemoryStorageProvider();
        await using var silo = await TestSilo.StartAsync(memory, Settings(maxUnsaved: "1", history: "4"));
        var viewer = await ViewerAsync(silo);
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await DecideAsync(viewer));
        }

        var keys = await StoredDecisions.KeysAsync(memory, viewer);
        keys.Max().Should().Be(20);
        keys.Min().Should().BeGreaterThan(20 - 4 - 2 - 2, "records are deleted half a history at a time");

        await silo.DeactivateIdleAsync();
        var reloaded = () => viewer.EngageAsync(new EngagementReport(ids[^5], EngagementType.Impression, "old"));
        await reloaded.Should().ThrowAsync<ValidationFailedException>("the fifth newest is out of a four-decision history");
        (await viewer.EngageAsync(new EngagementReport(ids[^4], EngagementType.Impression, "kept"))).DecisionId.Should().Be(ids[^4]);
    }

    [Fact]
    public async Task Deleting_the_profile_deletes_the_decision_records()
    {
        var memory = new MemoryStorageProvider();
        await using var silo = await TestSilo.StartAsync(memory, Settings());
        var viewer = await ViewerAsync(silo);
        await viewer.PutProfileAsync(new ViewerProfile(Country: "PT"));
        var decision = await DecideAsync(viewer);
        await viewer.EngageAsync(new EngagementReport(decision, EngagementType.Impression, "k1"));
        (await StoredDecisions.KeysAsync(memory, viewer)).Should().HaveCount(1);

        await viewer.DeleteProfileAsync();

        (await StoredDecisions.KeysAsync(memory, viewer)).Should().BeEmpty("what the viewer was shown goes with the profile");
        await silo.DeactivateIdleAsync();
        var again = await DecideAsync(viewer);
        await viewer.EngageAsync(new EngagementReport(again, EngagementType.Impression, "k2"));
        (await StoredDecisions.IdsAsync(memory, viewer)).Should().Equal(again);
    }

    [Fact]
    public async Task A_failed_record_write_does_not_fail_the_engagement_and_the_timer_writes_the_records()
    {
        var memory = new MemoryStorageProvider();
        var store = new WatchedRecordPuts(memory, "viewer-decisions/");
        await using var silo = await TestSilo.StartAsync(store, Settings(interval: "00:00:00.2"));
        var viewer = await ViewerAsync(silo);
        var decision = await DecideAsync(viewer);
        store.FailuresLeft = 1;

        var receipt = await viewer.EngageAsync(new EngagementReport(decision, EngagementType.Answer, "k1", 1));

        receipt.Correct.Should().BeTrue("the engagement is in the state row, written before the records");
        await Eventually.TrueAsync(async () => (await StoredDecisions.IdsAsync(memory, viewer)).Count == 1, "the timer writes the record that failed");
        (await StoredDecisions.IdsAsync(memory, viewer)).Should().Equal(decision);
    }

    [Fact]
    public async Task Records_the_timer_wrote_alone_count_after_a_restart_that_lost_the_row()
    {
        var memory = new MemoryStorageProvider();
        var store = new FailingStateWrites(memory, "viewer@viewer");
        await using var silo = await TestSilo.StartAsync(store, Settings(interval: "00:00:00.1"));
        var viewer = await ViewerAsync(silo);
        var first = await DecideAsync(viewer);
        var second = await DecideAsync(viewer);
        await Eventually.TrueAsync(async () => (await StoredDecisions.IdsAsync(memory, viewer)).Count == 2, "the timer writes the records");
        store.FailuresLeft = 1; // the deactivation's row write fails, as a crash before it would

        await silo.DeactivateIdleAsync();
        await Eventually.TrueAsync(() => store.FailuresLeft < 1, "the deactivation tried to write the row");
        (await memory.GrainState.ReadAsync("viewer@viewer", viewer.GetGrainId().ToString(), CancellationToken.None)).Should().BeNull("no row was ever written");
        var third = await DecideAsync(viewer);
        var receipt = await viewer.EngageAsync(new EngagementReport(first, EngagementType.Answer, "k1", 1));

        receipt.Correct.Should().BeTrue("the next activation read the records the timer wrote");
        (await StoredDecisions.IdsAsync(memory, viewer)).Should().Equal(first, second, third);
        var row = await memory.GrainState.ReadAsync("viewer@viewer", viewer.GetGrainId().ToString(), CancellationToken.None);
        using var json = JsonDocument.Parse(row!.Data);
        json.RootElement.GetProperty("decisionSequence").GetInt64().Should().Be(3, "numbering went on after the records, not after the missing row");
        json.RootElement.GetProperty("served").EnumerateObject().Single().Value.GetProperty("count").GetInt32().Should().Be(3, "the serving counts were rebuilt from the records");
    }

    [Fact]
    public async Task The_timer_writes_the_row_too_once_it_lags_half_a_history_behind_the_records()
    {
        var memory = new MemoryStorageProvider();
        await using var silo = await TestSilo.StartAsync(memory, Settings(interval: "00:00:00.1", history: "4"));
        var viewer = await ViewerAsync(silo);
        await DecideAsync(viewer);
        await Eventually.TrueAsync(async () => (await StoredDecisions.IdsAsync(memory, viewer)).Count == 1, "the timer writes the record");
        (await memory.GrainState.ReadAsync("viewer@viewer", viewer.GetGrainId().ToString(), CancellationToken.None)).Should().BeNull("one decision behind is within the bound: records alone");

        await DecideAsync(viewer);
        await DecideAsync(viewer);

        await Eventually.TrueAsync(
            async () => await memory.GrainState.ReadAsync("viewer@viewer", viewer.GetGrainId().ToString(), CancellationToken.None) is not null,
            "three decisions behind a four-decision history is past the bound");
        var row = await memory.GrainState.ReadAsync("viewer@viewer", viewer.GetGrainId().ToString(), CancellationToken.None);
        using var json = JsonDocument.Parse(row!.Data);
        json.RootElement.GetProperty("decisionSequence").GetInt64().Should().Be(3);
        json.RootElement.GetProperty("served").EnumerateObject().Single().Value.GetProperty("count").GetInt32().Should().Be(3);
        (await StoredDecisions.KeysAsync(memory, viewer)).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task A_row_write_by_the_timer_that_fails_is_tried_again_on_the_next_round()
    {
        var memory = new MemoryStorageProvider();
        var store = new FailingStateWrites(memory, "viewer@viewer");
        await using var silo = await TestSilo.StartAsync(store, Settings(interval: "00:00:00.1", history: "4"));
        var viewer = await ViewerAsync(silo);
        store.FailuresLeft = 1;

        await DecideAsync(viewer);
        await DecideAsync(viewer);
        await DecideAsync(viewer);

        await Eventually.TrueAsync(() => store.FailuresLeft < 1, "the timer tried to write the row");
        await Eventually.TrueAsync(
            async () => await memory.GrainState.ReadAsync("viewer@viewer", viewer.GetGrainId().ToString(), CancellationToken.None) is not null,
            "a later round writes the row the failed one did not");
        (await StoredDecisions.KeysAsync(memory, viewer)).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task A_decision_at_the_unsaved_bound_whose_records_fail_is_not_served_and_the_held_ones_stay_held()
    {
        var memory = new MemoryStorageProvider();
        var store = new WatchedRecordPuts(memory, "viewer-decisions/");
        await using var silo = await TestSilo.StartAsync(store, Settings(maxUnsaved: "2"));
        var viewer = await ViewerAsync(silo);
        var held = new[] { await DecideAsync(viewer), await DecideAsync(viewer) };
        store.FailuresLeft = 1;

        var failed = () => DecideAsync(viewer);

        await failed.Should().ThrowAsync<Exception>("a decision past the bound is durable before it is answered, or not answered");
        (await StoredDecisions.KeysAsync(memory, viewer)).Should().BeEmpty();
        var third = await DecideAsync(viewer);
        (await StoredDecisions.IdsAsync(memory, viewer)).Should().Equal([.. held, third], "the failed decision left nothing behind and the held two were written with the next");
        (await StoredDecisions.KeysAsync(memory, viewer)).Should().Equal(1, 2, 3);
        await silo.DeactivateIdleAsync();
        (await viewer.EngageAsync(new EngagementReport(held[0], EngagementType.Answer, "k1", 1))).Correct.Should().BeTrue("a reloaded viewer reads the records");
    }

    [Fact]
    public async Task A_decision_at_the_unsaved_bound_whose_caller_gives_up_after_its_records_were_taken_stays_in_memory_as_in_the_store()
    {
        var memory = new MemoryStorageProvider();
        var store = new WatchedRecordPuts(memory, "viewer-decisions/");
        await using var silo = await TestSilo.StartAsync(store, Settings(maxUnsaved: "2"));
        var viewer = await ViewerAsync(silo);
        await DecideAsync(viewer);
        await DecideAsync(viewer);
        var hold = store.HoldNextPut();
        using var caller = new CancellationTokenSource();

        var abandoned = viewer.NextInstrumentAsync(new DecisionRequest(QuizEvent.EventId, 10, null, 10, 5), caller.Token);
        await hold.Taken.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await caller.CancelAsync();
        // A write given the request's token sees the cancel within milliseconds; one given none never does.
        await Task.WhenAny(hold.CallerCancelled.Task, Task.Delay(TimeSpan.FromSeconds(2)));
        hold.Release();
        await abandoned.ContinueWith(_ => { }, TaskScheduler.Default);
        await DecideAsync(viewer);
        await silo.DeactivateIdleAsync();

        (await StoredDecisions.KeysAsync(memory, viewer)).Should().Equal(
            [1, 2, 3, 4], "the decision whose records were written is in memory too, so the next one takes the next number instead of overwriting its record");
    }

    [Fact]
    public async Task A_state_stored_with_its_decisions_in_the_row_moves_them_to_records()
    {
        var memory = new MemoryStorageProvider();
        await using var silo = await TestSilo.StartAsync(memory, Settings());
        var viewer = await ViewerAsync(silo);
        var servedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        var old = Enumerable.Range(1, 5).Select(i => new DecisionRecord($"old-{i}", QuizEvent.EventId, "quiz", InstrumentKind.Quiz, 2, 1, 10 + i, servedAt, "rules", 1)).ToList();
        var legacy = JsonSerializer.SerializeToUtf8Bytes(new { createdAt = servedAt, decisions = old, served = new { } }, JsonGrainStorageSerializer.DefaultOptions);
        await memory.GrainState.WriteAsync("viewer@viewer", viewer.GetGrainId().ToString(), legacy, null, CancellationToken.None);

        var receipt = await viewer.EngageAsync(new EngagementReport("old-3", EngagementType.Answer, "k1", 1));

        receipt.Correct.Should().BeTrue("the decision stored in the row is found");
        (await StoredDecisions.IdsAsync(memory, viewer)).Should().Equal(old.Select(d => d.DecisionId));
        var row = await memory.GrainState.ReadAsync("viewer@viewer", viewer.GetGrainId().ToString(), CancellationToken.None);
        using var json = JsonDocument.Parse(row!.Data);
        json.RootElement.TryGetProperty("decisions", out _).Should().BeFalse("the row no longer carries them");
        await silo.DeactivateIdleAsync();
        (await viewer.EngageAsync(new EngagementReport("old-5", EngagementType.Answer, "k2", 0))).Correct.Should().BeFalse();
    }

    private static Dictionary<string, string?> Settings(string interval = "00:01:00", string maxUnsaved = "100", string history = "200") => new()
    {
        ["Engagement:DecisionSaveInterval"] = interval,
        ["Engagement:MaxUnsavedDecisions"] = maxUnsaved,
        ["Engagement:MaxDecisionHistory"] = history,
    };

    private static async Task<IViewerGrain> ViewerAsync(TestSilo silo)
    {
        await QuizEvent.CreateAsync(silo);
        return QuizEvent.Viewer(silo, "v1");
    }

    private static Task<string> DecideAsync(IViewerGrain viewer) => QuizEvent.DecideAsync(viewer);
}
