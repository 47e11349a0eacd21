using Glance.Grains.Engagement.Learning;
using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Engagement;
using Glance.Storage.Memory;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Engagement.Learning;

/// <summary>The learner's periodic save, its save on deactivation and a clear never overlap, and a cleared model is not written back.</summary>
public sealed class LearnerSaveTests
{
    private const string LearnerType = "learner@instrument-learner";

    private static readonly Dictionary<string, string?> Settings = new() { ["Engagement:Learning:SaveInterval"] = "00:00:00.05" };

    [Fact]
    public async Task A_clear_during_a_periodic_save_waits_for_it_and_the_model_is_not_written_back()
    {
        var store = new WatchedStateWrites(new MemoryStorageProvider(), LearnerType);
        await using var silo = await TestSilo.StartAsync(store, Settings);
        await QuizEvent.CreateAsync(silo);
        var learner = silo.Grain<IInstrumentLearnerGrain>(ResourceId.Scoped("acme", "final"));
        store.Hold = true;
        await learner.ObserveAsync(Reward("d1"));
        await store.Held.WaitAsync(TimeSpan.FromSeconds(30));

        var clearing = learner.ClearAsync();
        store.Release();
        await clearing;
        var report = await learner.GetReportAsync();

        report.Version.Should().Be(0);
        report.Arms.Should().BeEmpty("the deleted event's model is gone from memory and store");
        (await Stored(store)).Should().BeNull("the clear came after the periodic save, and nothing wrote the model after it");
        store.MostOutAtOnce.Should().Be(1);
    }

    [Fact]
    public async Task A_shutdown_during_a_periodic_save_writes_after_it_not_beside_it_and_keeps_the_newest_model()
    {
        var store = new WatchedStateWrites(new MemoryStorageProvider(), LearnerType);
        var silo = await TestSilo.StartAsync(store, Settings);
        await QuizEvent.CreateAsync(silo);
        var learner = silo.Grain<IInstrumentLearnerGrain>(ResourceId.Scoped("acme", "final"));
        store.Hold = true;
        await learner.ObserveAsync(Reward("d1"));
        await store.Held.WaitAsync(TimeSpan.FromSeconds(30));

        var stopping = silo.DisposeAsync().AsTask();
        store.Release();
        await stopping;

        store.MostOutAtOnce.Should().Be(1, "two writes with the same ETag would conflict");
        await using var again = await TestSilo.StartAsync(store, Settings);
        var report = await again.Grain<IInstrumentLearnerGrain>(ResourceId.Scoped("acme", "final")).GetReportAsync();
        report.Version.Should().Be(1);
        report.SavedVersion.Should().Be(1);
        report.Arms.Single().Rewards.Should().Be(1);
    }

    [Fact]
    public async Task Feedback_that_arrives_after_the_event_was_deleted_writes_no_model()
    {
        var store = new WatchedStateWrites(new MemoryStorageProvider(), LearnerType);
        await using var silo = await TestSilo.StartAsync(store, Settings);
        await QuizEvent.CreateAsync(silo);
        await silo.Grain<Glance.Grains.Interfaces.Events.ILiveEventGrain>(QuizEvent.Key).DeleteAsync();
        var learner = silo.Grain<IInstrumentLearnerGrain>(QuizEvent.Key);
        var writes = store.Count; // the delete's clear

        await learner.ObserveAsync(Reward("late"));
        await Eventually.TrueAsync(async () => (await learner.GetReportAsync()).Version == 1, "the feedback reaches the learner", TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(async () => (await learner.GetReportAsync()).Version == 0, "at its save the learner finds the event gone and lets the model go", TimeSpan.FromSeconds(30));
        await silo.DeactivateIdleAsync();

        store.Count.Should().Be(writes, "a deleted event's model is not written again");
        (await Stored(store)).Should().BeNull();
    }

    [Fact]
    public async Task A_model_learned_again_after_a_clear_is_not_taken_for_the_old_one_at_the_same_version()
    {
        await using var silo = await TestSilo.StartAsync(new MemoryStorageProvider(), Settings);
        await QuizEvent.CreateAsync(silo);
        var learner = silo.Grain<IInstrumentLearnerGrain>(ResourceId.Scoped("acme", "final"));
        await learner.ObserveAsync(Reward("before"));
        await Eventually.TrueAsync(async () => (await learner.GetReportAsync()).Version == 1, "the feedback reaches the learner", TimeSpan.FromSeconds(30));
        var cached = (await learner.GetSnapshotAsync(Guid.Empty, -1))!; // what another silo holds

        await learner.ClearAsync();
        await learner.ObserveAsync(Reward("after"));
        await Eventually.TrueAsync(async () => (await learner.GetReportAsync()).Version == 1, "the new model reaches version 1 as well", TimeSpan.FromSeconds(30));
        var fresh = await learner.GetSnapshotAsync(cached.Generation, cached.Version);

        fresh.Should().NotBeNull("the silo's copy is of the cleared model, whatever its version number");
        fresh!.Generation.Should().NotBe(cached.Generation);
        (await learner.GetSnapshotAsync(fresh.Generation, fresh.Version)).Should().BeNull("a silo holding the current model is told so");
    }

    private static LearningObservation Reward(string decisionId) =>
        new(decisionId, "poll", LearningOutcome.Reward, 0.5, new LearningTrace(new float[BanditFeatures.Dimension], 2, true, true), DateTimeOffset.UtcNow);

    /// <summary>The learner's stored model, or null when there is none (cleared rows are empty).</summary>
    private static async Task<byte[]?> Stored(WatchedStateWrites store) =>
        store.LastKey is { } key && await store.GrainState.ReadAsync(LearnerType, key, CancellationToken.None) is { Data.Length: > 0 } stored ? stored.Data.ToArray() : null;
}
