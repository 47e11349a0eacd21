using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Ingest;
using Glance.Grains.Interfaces.Timeline;
using Glance.Grains.Timeline;
using Glance.Storage;
using Glance.Storage.Memory;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Timeline;

public sealed class EventTimelineGrainTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_unknown_event_has_no_context()
    {
        await using var silo = await TestSilo.StartAsync();

        var act = () => silo.Grain<IEventTimelineGrain>("acme/nope").GetContextAsync(10, 5, 5);

        (await act.Should().ThrowAsync<ResourceNotFoundException>()).Which.Message.Should().Contain("nope");
    }

    [Fact]
    public async Task Applied_segments_answer_context_queries_at_the_right_positions()
    {
        await using var silo = await TestSilo.StartAsync();
        var timeline = silo.Grain<IEventTimelineGrain>("acme/e1");
        await timeline.DescribeEventAsync(Start);

        await timeline.ApplyAsync(Result(0, 1, 40, 6, ("face", "ada", "Ada")));
        await timeline.ApplyAsync(Result(0, 2, 46, 6, ("team", "por", "Porto")));

        var around = await timeline.GetContextAsync(50, 10, 5);
        around.Entities.Select(e => e.Name).Should().BeEquivalentTo(["Ada", "Porto"]);
        around.Entities.Single(e => e.Name == "Ada").FirstSeen.Should().Be(40);
        (await timeline.GetContextAsync(60, 5, 5)).Entities.Should().BeEmpty("nothing was seen in 55..65 s");
        (await timeline.GetContextAsync(44, 0, 1)).Entities.Should().ContainSingle().Which.Name.Should().Be("Ada");
        (await timeline.PositionAtAsync(Start.AddSeconds(50))).Should().Be(50);
    }

    [Fact]
    public async Task A_segment_applied_twice_is_stored_once()
    {
        var storage = new MemoryStorageProvider();
        await using var silo = await TestSilo.StartAsync(storage);
        var timeline = silo.Grain<IEventTimelineGrain>("acme/e2");
        await timeline.DescribeEventAsync(Start);
        var result = Result(0, 5, 30, 6, ("logo", "gtv", "GTV"));

        await timeline.ApplyAsync(result);
        var version = (await timeline.GetContextAsync(30, 0, 10)).Version;
        await timeline.ApplyAsync(result);

        (await timeline.GetContextAsync(30, 0, 10)).Version.Should().Be(version);
        var stored = await storage.SortedRecords.QueryAsync(TimelineKeys.TimelinePartition("acme/e2"), SortKeyRange.All, 1000, null, false, CancellationToken.None);
        stored.Records.Should().HaveCount(6);
        (await timeline.GetContextAsync(30, 0, 10)).Entities.Single().Occurrences.Should().Be(6);
    }

    [Fact]
    public async Task The_timeline_survives_deactivation_and_answers_old_windows_from_the_store()
    {
        var storage = new MemoryStorageProvider();
        await using var silo = await TestSilo.StartAsync(storage, new Dictionary<string, string?> { ["Timeline:HotWindow"] = "00:00:30" });
        var timeline = silo.Grain<IEventTimelineGrain>("acme/e3");
        await timeline.DescribeEventAsync(Start);
        for (var sequence = 0; sequence < 20; sequence++)
        {
            await timeline.ApplyAsync(Result(0, sequence, sequence * 6, 6, sequence < 5 ? ("face", "ada", "Ada") : ("face", "bob", "Bob")));
        }

        await silo.DeactivateIdleAsync();

        var early = await timeline.GetContextAsync(10, 10, 10);
        early.Entities.Should().ContainSingle().Which.Name.Should().Be("Ada", "0..20 s is older than the 30 s hot window and comes from the store");
        (await timeline.GetContextAsync(110, 5, 5)).Entities.Should().ContainSingle().Which.Name.Should().Be("Bob");
        (await timeline.GetSegmentsAsync(null, 100)).Select(s => s.Sequence).Should().Equal(Enumerable.Range(0, 20).Select(i => (long)i), "every status is kept across the deactivation");
    }

    [Fact]
    public async Task Segment_statuses_keep_failures_with_their_reason()
    {
        await using var silo = await TestSilo.StartAsync();
        var timeline = silo.Grain<IEventTimelineGrain>("acme/e4");
        await timeline.DescribeEventAsync(Start);

        await timeline.ApplyAsync(Result(0, 1, 0, 6));
        await timeline.ApplyAsync(Result(0, 2, 6, 6) with { Outcome = SegmentOutcome.Failed, FailureReason = "The segment could not be fetched: 404", Frames = [] });

        var statuses = await timeline.GetSegmentsAsync(null, 10);
        statuses.Select(s => s.Outcome).Should().Equal(SegmentOutcome.Analysed, SegmentOutcome.Failed);
        (await timeline.GetSegmentAsync(2))!.FailureReason.Should().Contain("404");
        (await timeline.GetSegmentAsync(3)).Should().BeNull();
        (await timeline.GetSegmentsAsync(1, 10)).Should().ContainSingle().Which.Sequence.Should().Be(2);
    }

    [Fact]
    public async Task Every_silo_of_a_cluster_answers_from_the_one_activation_that_records_the_results()
    {
        // Two silos: Orleans keeps one timeline activation in the cluster, so a query entering through either silo
        // sees every applied segment at once (no store-following lag).
        await using var cluster = await TestSilo.StartAsync(silos: 2);
        var writer = cluster.GrainsOf(0).GetGrain<IEventTimelineGrain>("acme/cluster");
        var reader = cluster.GrainsOf(1).GetGrain<IEventTimelineGrain>("acme/cluster");
        await writer.DescribeEventAsync(Start);
        await writer.ApplyAsync(Result(0, 1, 0, 6, ("face", "ada", "Ada")));
        await writer.ApplyAsync(Result(0, 2, 6, 6, ("team", "por", "Porto")));
        await writer.ApplyAsync(Result(0, 3, 12, 6, ("logo", "gtv", "GTV")));

        var window = await reader.GetContextAsync(9, 9, 9);
        window.Entities.Select(e => (e.Name, e.Occurrences)).Should().BeEquivalentTo([("Ada", 6), ("Porto", 6), ("GTV", 6)], "each frame once, none twice");
        window.Version.Should().Be((await writer.GetContextAsync(9, 9, 9)).Version);
    }

    [Fact]
    public async Task A_segment_whose_predecessor_is_not_recorded_is_set_aside_until_the_predecessor_is()
    {
        await using var silo = await TestSilo.StartAsync();
        var timeline = silo.Grain<IEventTimelineGrain>("acme/e5");
        await timeline.DescribeEventAsync(Start);
        await timeline.ApplyAsync(Result(0, 1, 0, 6, ("face", "ada", "Ada")));

        // Segment 2's result was lost on its way; segment 3's arrives.
        await timeline.ApplyAsync(Result(0, 3, 12, 6, ("logo", "gtv", "GTV")) with { Previous = new SegmentPosition(0, 2) });

        (await timeline.GetSegmentsAsync(null, 10)).Select(s => s.Sequence).Should().Equal([1L], "recording 3 would leave 2 a hole for good");
        (await timeline.GetContextAsync(15, 3, 0)).Entities.Should().BeEmpty();

        await timeline.ApplyAsync(Result(0, 2, 6, 6, ("team", "por", "Porto")) with { Previous = new SegmentPosition(0, 1) });
        await timeline.ApplyAsync(Result(0, 3, 12, 6, ("logo", "gtv", "GTV")) with { Previous = new SegmentPosition(0, 2) });

        (await timeline.GetSegmentsAsync(null, 10)).Select(s => s.Sequence).Should().Equal([1L, 2L, 3L]);
        (await timeline.GetContextAsync(9, 9, 9)).Entities.Select(e => e.Name).Should().BeEquivalentTo(["Ada", "Porto", "GTV"]);
    }

    [Fact]
    public async Task A_segment_across_a_source_restart_follows_the_last_one_of_the_epoch_before()
    {
        await using var silo = await TestSilo.StartAsync();
        var timeline = silo.Grain<IEventTimelineGrain>("acme/e6");
        await timeline.DescribeEventAsync(Start);
        await timeline.ApplyAsync(Result(0, 7, 0, 6));

        await timeline.ApplyAsync(Result(1, 0, 12, 6) with { Previous = new SegmentPosition(0, 8) });
        (await timeline.GetSegmentsAsync(null, 10)).Select(s => (s.Epoch, s.Sequence)).Should().Equal([(0, 7L)], "0/8 is missing, so 1/0 waits");

        await timeline.ApplyAsync(Result(0, 8, 6, 6) with { Previous = new SegmentPosition(0, 7) });
        await timeline.ApplyAsync(Result(1, 0, 12, 6) with { Previous = new SegmentPosition(0, 8) });

        (await timeline.GetSegmentsAsync(null, 10)).Select(s => (s.Epoch, s.Sequence)).Should().Equal([(1, 0L), (0, 7L), (0, 8L)], "listed by sequence number");
    }

    internal static SegmentAnalysisResult Result(int epoch, long sequence, double start, int seconds, params (string Kind, string? Id, string Name)[] seen)
    {
        var frames = Enumerable.Range(0, seconds)
            .Select(i => new AnalysedFrame(i, (long)((start + i) * 90000), start + i, Start.AddSeconds(start + i), seen.Select(s => new Sighting(s.Kind, s.Id, s.Name, 0.9, null, "test")).ToList()))
            .ToList();
        return new SegmentAnalysisResult("acme", "e", epoch, sequence, SegmentOutcome.Analysed, null, start, start + seconds, Start.AddSeconds(start),
            frames, null, null, [], 0, [], new SegmentTimings(1, 1, 1, 3), "{}", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
    }
}
