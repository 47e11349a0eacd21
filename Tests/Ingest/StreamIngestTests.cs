using Glance.Grains.Interfaces.Events;
using Glance.Grains.Interfaces.Ingest;
using Glance.Storage;
using Glance.Storage.Memory;
using Glance.Storage.Sqlite;
using Glance.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Tests.Ingest;

/// <summary>Live ingestion end to end on loopback: ffmpeg writes a live HLS, a local origin serves it.</summary>
[Collection(LiveMediaCollection.Name)]
public sealed class StreamIngestTests
{
    [Fact]
    public async Task Every_segment_is_handed_once_and_in_order()
    {
        await using var live = await LiveHlsSource.StartAsync(minimumSegments: 2);
        await using var origin = await HlsFileServer.StartAsync(live.Folder.Path);
        await using var harness = await IngestHarness.StartAsync();

        var created = await harness.Event("e1").CreateAsync(IngestHarness.LiveNow(origin.Url(live.PlaylistName)));
        created.State.Should().Be(LiveEventState.Live);
        await Eventually.TrueAsync(() => harness.Handler.Handed.Count >= 8, "eight segments are handed", TimeSpan.FromSeconds(60));

        var handed = harness.Handler.Handed.ToList();
        handed.Select(s => s.MediaSequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        (handed[^1].MediaSequence - handed[0].MediaSequence).Should().Be(handed.Count - 1, "no segment is skipped");
        handed.Should().OnlyContain(s => s.ProgramDateTime != null && s.Epoch == handed[0].Epoch && s.Duration > 0.5);
        handed.Select(s => s.Uri.AbsolutePath).Should().OnlyHaveUniqueItems();
        handed.Skip(1).Select(s => s.Previous).Should().Equal(handed.SkipLast(1).Select(s => new SegmentPosition(s.Epoch, s.MediaSequence)), "each segment names the one handed before it");
        var status = await harness.Stream("e1").GetStatusAsync();
        status.Running.Should().BeTrue();
        status.LastSequence.Should().BeGreaterThanOrEqualTo(handed[^1].MediaSequence);
        status.RecentEvents.Should().Contain(e => e.Kind == StreamIngestEventKind.Started);
    }

    [Fact]
    public async Task A_master_playlist_is_followed_through_its_best_variant_up_to_720_lines()
    {
        await using var live = await LiveHlsSource.StartAsync(minimumSegments: 2);
        await File.WriteAllTextAsync(
            Path.Combine(live.Folder.Path, "master.m3u8"),
            "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=9000000,RESOLUTION=1920x1080\nmissing-1080.m3u8\n" +
            "#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=320x180\nlive.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=100000,RESOLUTION=160x90\nmissing-90.m3u8\n");
        await using var origin = await HlsFileServer.StartAsync(live.Folder.Path);
        await using var harness = await IngestHarness.StartAsync();

        await harness.Event("m1").CreateAsync(IngestHarness.LiveNow(origin.Url("master.m3u8")));

        await Eventually.TrueAsync(() => harness.Handler.Handed.Count >= 2, "segments of the chosen variant are handed", TimeSpan.FromSeconds(60));
        (await harness.Stream("m1").GetStatusAsync()).MediaPlaylist!.AbsolutePath.Should().EndWith("/live.m3u8");
    }

    [Fact]
    public async Task A_restart_mid_stream_loses_nothing_and_repeats_only_what_was_in_flight()
    {
        await using var live = await LiveHlsSource.StartAsync(minimumSegments: 2, listSize: 8);
        await using var origin = await HlsFileServer.StartAsync(live.Folder.Path);
        using var folder = new TemporaryDirectory();
        var storeOptions = new SqliteStorageOptions { Path = Path.Combine(folder.Path, "glance.db") };
        List<long> before;
        List<long> inFlightAtStop;
        using (var storage = new SqliteStorageProvider(storeOptions))
        {
            await using var first = await IngestHarness.StartAsync(storage, reminderDatabase: storeOptions.Path);
            await first.Event("r1").CreateAsync(IngestHarness.LiveNow(origin.Url(live.PlaylistName)));
            await Eventually.TrueAsync(() => first.Handler.Handed.Count >= 4, "the first process hands four segments", TimeSpan.FromSeconds(60));
            await first.Silo.DisposeAsync(); // graceful stop
            before = [.. first.Handler.Sequences];
            inFlightAtStop = (await IngestHarness.StoredStateAsync(storage, "r1"))!.InFlight.Select(s => s.MediaSequence).ToList();
        }

        using var reopened = new SqliteStorageProvider(storeOptions);
        await using var second = await IngestHarness.StartAsync(reopened, reminderDatabase: storeOptions.Path);

        // Nobody calls the event: the reminder's catch-up tick on the new silo resumes the stream by itself.
        await Eventually.TrueAsync(() => second.Handler.Handed.Any(s => s.MediaSequence > before.Max() + 3), "the second process resumes and goes on", TimeSpan.FromSeconds(60));

        var after = second.Handler.Sequences;
        var all = before.Concat(after).ToList();
        all.Distinct().Order().Should().Equal(Enumerable.Range((int)all.Min(), (int)(all.Max() - all.Min() + 1)).Select(i => (long)i), "no segment is skipped across the restart");
        var repeated = after.Where(before.Contains).ToList();
        repeated.Should().BeSubsetOf(inFlightAtStop, "only segments not yet recorded are handed again");
        after.Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task Segments_whose_recording_is_overdue_are_handed_again_in_order()
    {
        await using var live = await LiveHlsSource.StartAsync(minimumSegments: 2, listSize: 10);
        await using var origin = await HlsFileServer.StartAsync(live.Folder.Path);
        var storage = new MemoryStorageProvider();
        await using var harness = await IngestHarness.StartAsync(storage, IngestHarness.Settings(("Ingest:Streams:AcknowledgeTimeout", "00:00:02")));
        await harness.Event("lost").CreateAsync(IngestHarness.LiveNow(origin.Url(live.PlaylistName)));
        await Eventually.TrueAsync(() => harness.Handler.Handed.Count >= 1, "ingest runs", TimeSpan.FromSeconds(60));
        var lost = harness.Handler.Sequences.Max() + 1;
        harness.Handler.LoseFirstRecordingFrom = lost; // the timeline hears nothing of the first hand-over from here on

        await Eventually.TrueAsync(() => harness.Handler.Sequences.Count(s => s == lost) >= 2, "the overdue segment is handed again", TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(
            async () => (await harness.Stream("lost").GetStatusAsync()).RecordedSequence > lost
                && (await IngestHarness.StoredStateAsync(storage, "lost"))!.InFlight.All(s => s.MediaSequence > lost),
            "the second hand-over is recorded",
            TimeSpan.FromSeconds(60));
        var handed = harness.Handler.Sequences;
        handed.Where(s => s < lost).Should().OnlyHaveUniqueItems("only segments never recorded are handed twice");
        handed.Where(s => s >= lost).Distinct().Should().BeInAscendingOrder();
        harness.Handler.ResumePoints[lost].Sequence.Should().Be(lost - 1, "the hand-over again resumes after the newest recorded segment");
        harness.Handler.ResumePoints[lost].AnalysisState.Should().Be(RecordingSegmentHandler.ClockStateAfter(lost - 1), "the stream grain keeps the clock state the timeline confirmed");
    }

    [Fact]
    public async Task Segments_the_timeline_set_aside_are_handed_again_at_the_next_poll_in_order_and_only_once()
    {
        await using var live = await LiveHlsSource.StartAsync(minimumSegments: 2, listSize: 10);
        await using var origin = await HlsFileServer.StartAsync(live.Folder.Path);
        var storage = new MemoryStorageProvider();
        await using var harness = await IngestHarness.StartAsync(storage, IngestHarness.Settings(("Ingest:Streams:AcknowledgeTimeout", "00:10:00")));
        await harness.Event("missing").CreateAsync(IngestHarness.LiveNow(origin.Url(live.PlaylistName)));
        await Eventually.TrueAsync(() => harness.Handler.Handed.Count >= 1, "ingest runs", TimeSpan.FromSeconds(60));
        harness.Handler.LoseFirstRecordingFrom = harness.Handler.Sequences.Max() + 1; // from here on results do not reach the timeline
        await Eventually.TrueAsync(() => harness.Handler.Lost.Count >= 2, "two results are lost", TimeSpan.FromSeconds(60));
        var lost = harness.Handler.Lost.Min(); // a segment handed just before the switch was still recorded
        var epoch = harness.Handler.Handed.First().Epoch;
        var stream = harness.Stream("missing");
        var newest = new SegmentPosition(epoch, lost - 1);
        await Eventually.TrueAsync(async () => (await stream.GetStatusAsync()).RecordedSequence == lost - 1, "the stream grain heard of the last recording", TimeSpan.FromSeconds(60));

        await stream.PredecessorMissingAsync(new SegmentPosition(epoch, lost + 1), newest);
        await stream.PredecessorMissingAsync(new SegmentPosition(epoch, lost + 2), newest);

        await Eventually.TrueAsync(
            () => harness.Handler.Sequences.Count(s => s == lost) >= 2,
            "the segment after the newest record is handed again at the next poll, not after the ten-minute acknowledgement timeout",
            TimeSpan.FromSeconds(60));
        var again = harness.Handler.Handed.SkipWhile(s => s.MediaSequence != lost).Skip(1).SkipWhile(s => s.MediaSequence != lost).ToList();
        again.Select(s => s.MediaSequence).Should().StartWith([lost, lost + 1], "what follows it is handed again too, in order");
        again[0].Previous.Should().Be(newest);
        await Eventually.TrueAsync(async () => (await stream.GetStatusAsync()).RecordedSequence >= lost + 1, "the segments handed again are recorded", TimeSpan.FromSeconds(60));
        harness.Handler.Sequences.Count(s => s == lost).Should().Be(2, "two notices behind one record hand it again once");
    }

    [Fact]
    public async Task A_segment_in_flight_that_a_newer_recording_covers_is_not_handed_again()
    {
        await using var live = await LiveHlsSource.StartAsync(minimumSegments: 2, listSize: 10);
        await using var origin = await HlsFileServer.StartAsync(live.Folder.Path);
        var storage = new MemoryStorageProvider();
        await using var harness = await IngestHarness.StartAsync(storage, IngestHarness.Settings(("Ingest:Streams:AcknowledgeTimeout", "00:00:02")));
        await harness.Event("covered").CreateAsync(IngestHarness.LiveNow(origin.Url(live.PlaylistName)));
        await Eventually.TrueAsync(() => harness.Handler.Handed.Count >= 1, "ingest runs", TimeSpan.FromSeconds(60));
        var lost = harness.Handler.Sequences.Max() + 1;
        harness.Handler.LoseFirstRecording[lost] = true; // its note is lost; the next segments' arrive

        await Eventually.TrueAsync(
            async () => (await IngestHarness.StoredStateAsync(storage, "covered"))!.InFlight.All(s => s.MediaSequence != lost)
                && (await harness.Stream("covered").GetStatusAsync()).RecordedSequence > lost,
            "the segment leaves the in-flight set once a newer one is recorded",
            TimeSpan.FromSeconds(60));

        harness.Handler.Sequences.Should().OnlyHaveUniqueItems("the timeline records in order: a segment behind its newest record is not analysed again");
    }

    [Fact]
    public async Task Store_errors_during_a_poll_pause_ingestion_but_never_stop_it()
    {
        await using var live = await LiveHlsSource.StartAsync(minimumSegments: 2, listSize: 10);
        await using var origin = await HlsFileServer.StartAsync(live.Folder.Path);
        var storage = new FailingStateWrites(new MemoryStorageProvider(), "stream@stream-ingest");
        await using var harness = await IngestHarness.StartAsync(storage);
        await harness.Event("s1").CreateAsync(IngestHarness.LiveNow(origin.Url(live.PlaylistName)));
        await Eventually.TrueAsync(() => harness.Handler.Handed.Count >= 2, "ingest runs", TimeSpan.FromSeconds(60));

        storage.FailuresLeft = 3;
        await Eventually.TrueAsync(() => storage.FailuresLeft < 0, "the stream grain met the failing writes", TimeSpan.FromSeconds(60));
        var afterFailures = harness.Handler.Sequences.Max();
        await Eventually.TrueAsync(() => harness.Handler.Sequences.Max() >= afterFailures + 2, "polling goes on after the store recovers", TimeSpan.FromSeconds(60));

        var sequences = harness.Handler.Sequences.Distinct().Order().ToList();
        sequences.Should().Equal(Enumerable.Range((int)sequences[0], sequences.Count).Select(i => (long)i), "no segment is skipped");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task When_the_silo_hosting_a_stream_stops_or_dies_another_silo_resumes_it_without_a_gap(bool kill)
    {
        // A two-silo Orleans cluster over one store and one reminder table: the stream grain lives on one silo; when
        // that silo stops (or is killed), the event's reminder fires on the survivor, which activates the stream grain
        // from its persisted cursor.
        await using var live = await LiveHlsSource.StartAsync(minimumSegments: 2, listSize: 8);
        await using var origin = await HlsFileServer.StartAsync(live.Folder.Path);
        using var folder = new TemporaryDirectory();
        var storeOptions = new SqliteStorageOptions { Path = Path.Combine(folder.Path, "glance.db") };
        using var storage = new SqliteStorageProvider(storeOptions);
        var handlers = new System.Collections.Concurrent.ConcurrentDictionary<IServiceProvider, RecordingSegmentHandler>();
        await using var cluster = await TestSilo.StartAsync(
            storage,
            IngestHarness.Settings(("Events:ReconcileInterval", "00:00:02")),
            configure: services => services.AddSingleton<ISegmentHandler>(sp => handlers.GetOrAdd(sp, _ => new RecordingSegmentHandler(sp))),
            silos: 2,
            reminderDatabase: storeOptions.Path);
        await cluster.Grain<ILiveEventGrain>("acme/t1").CreateAsync(IngestHarness.LiveNow(origin.Url(live.PlaylistName)));
        await Eventually.TrueAsync(() => handlers.Values.Sum(h => h.Handed.Count) >= 4, "one of the silos hands four segments", TimeSpan.FromSeconds(60));

        var (pollingServices, polling) = handlers.Single(h => !h.Value.Handed.IsEmpty);
        await cluster.StopSiloAsync(cluster.IndexOf(pollingServices), kill);
        var before = polling.Sequences;
        var inFlightAtStop = (await IngestHarness.StoredStateAsync(storage, "t1"))!.InFlight.Select(s => s.MediaSequence).ToList();
        await Eventually.TrueAsync(
            () => handlers.Values.Where(h => h != polling).Any(h => h.Handed.Any(s => s.MediaSequence > before.Max() + 3)),
            "the surviving silo resumes the stream",
            TimeSpan.FromSeconds(90));

        var other = handlers.Values.Single(h => h != polling && !h.Handed.IsEmpty);
        var after = other.Sequences;
        var all = before.Concat(after).ToList();
        all.Distinct().Order().Should().Equal(Enumerable.Range((int)all.Min(), (int)(all.Max() - all.Min() + 1)).Select(i => (long)i), "no segment is skipped across the failover");
        after.Where(before.Contains).Should().BeSubsetOf(inFlightAtStop, "only segments not yet recorded are handed again");
        after.Should().BeInAscendingOrder();
    }

    [Theory]
    [InlineData(ServerFault.NotFound)]
    [InlineData(ServerFault.ServerError)]
    [InlineData(ServerFault.Garbage)]
    [InlineData(ServerFault.Slow)]
    public async Task A_failing_origin_is_reported_recovered_from_and_never_hammered(ServerFault fault)
    {
        await using var live = await LiveHlsSource.StartAsync(minimumSegments: 2, listSize: 10);
        await using var origin = await HlsFileServer.StartAsync(live.Folder.Path);
        await using var harness = await IngestHarness.StartAsync();
        await harness.Event("f1").CreateAsync(IngestHarness.LiveNow(origin.Url(live.PlaylistName)));
        await Eventually.TrueAsync(() => harness.Handler.Handed.Count >= 2, "ingest runs", TimeSpan.FromSeconds(60));

        origin.SlowDelay = TimeSpan.FromSeconds(5);
        origin.Fault = fault;
        var requestsAtFault = origin.Requests;
        await Eventually.TrueAsync(async () => (await harness.Stream("f1").GetStatusAsync()).ConsecutiveErrors >= 2, "the stream reports errors", TimeSpan.FromSeconds(60));
        var requestsDuringFault = origin.Requests - requestsAtFault;
        var handedAtFault = harness.Handler.Handed.Count;
        origin.Fault = ServerFault.None;

        await Eventually.TrueAsync(() => harness.Handler.Handed.Count > handedAtFault, "segments flow again once the origin recovers", TimeSpan.FromSeconds(60));
        // Segments are handed during the poll; the status (with the recovery it records) is published when the poll ends.
        await Eventually.TrueAsync(
            async () => (await harness.Stream("f1").GetStatusAsync()).RecentEvents.Any(e => e.Kind == StreamIngestEventKind.Recovered),
            "the recovery is reported",
            TimeSpan.FromSeconds(30));
        var status = await harness.Stream("f1").GetStatusAsync();
        status.Running.Should().BeTrue();
        status.ConsecutiveErrors.Should().Be(0);
        status.LastError.Should().BeNull("a recovered stream no longer reports the error it recovered from");
        status.RecentEvents.Should().Contain(e => e.Kind == StreamIngestEventKind.PlaylistError)
            .And.Contain(e => e.Kind == StreamIngestEventKind.Recovered);
        requestsDuringFault.Should().BeLessThan(20, "two failed loads with bounded retries cost a handful of requests, not a storm");
        harness.Handler.Sequences.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_stalled_source_is_reported()
    {
        await using var live = await LiveHlsSource.StartAsync(minimumSegments: 2);
        await using var origin = await HlsFileServer.StartAsync(live.Folder.Path);
        await using var harness = await IngestHarness.StartAsync();
        await harness.Event("s1").CreateAsync(IngestHarness.LiveNow(origin.Url(live.PlaylistName)));
        await Eventually.TrueAsync(() => harness.Handler.Handed.Count >= 1, "ingest runs", TimeSpan.FromSeconds(60));

        await live.StopEncoderAsync();

        await Eventually.TrueAsync(async () => (await harness.Stream("s1").GetStatusAsync()).Stalled, "the stall is noticed", TimeSpan.FromSeconds(60));
        (await harness.Stream("s1").GetStatusAsync()).RecentEvents.Should().Contain(e => e.Kind == StreamIngestEventKind.Stall);
    }

    [Fact]
    public async Task An_encrypted_stream_fails_the_event_with_a_reason()
    {
        using var folder = new TemporaryDirectory();
        await File.WriteAllTextAsync(
            Path.Combine(folder.Path, "enc.m3u8"),
            "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-KEY:METHOD=AES-128,URI=\"key.bin\"\n#EXTINF:2,\na.ts\n#EXTINF:2,\nb.ts\n");
        await using var origin = await HlsFileServer.StartAsync(folder.Path);
        await using var harness = await IngestHarness.StartAsync();

        await harness.Event("x1").CreateAsync(IngestHarness.LiveNow(origin.Url("enc.m3u8")));

        await Eventually.TrueAsync(async () => (await harness.Event("x1").GetAsync())!.State == LiveEventState.Failed, "the event fails", TimeSpan.FromSeconds(30));
        var failed = (await harness.Event("x1").GetAsync())!;
        failed.FailureReason.Should().Contain("encrypted");
        failed.Ingest!.Running.Should().BeFalse();
        harness.Handler.Handed.Should().BeEmpty();
    }

    [Fact]
    public async Task A_source_refused_by_the_access_policy_fails_the_event()
    {
        await using var harness = await IngestHarness.StartAsync(settings: IngestHarness.Settings(("Ingest:AllowedNetworks:0", "192.0.2.0/24")));

        await harness.Event("p1").CreateAsync(IngestHarness.LiveNow(new Uri("http://127.0.0.1:9/live.m3u8")));

        await Eventually.TrueAsync(async () => (await harness.Event("p1").GetAsync())!.State == LiveEventState.Failed, "the event fails", TimeSpan.FromSeconds(30));
        (await harness.Event("p1").GetAsync())!.FailureReason.Should().Contain("127.0.0.1");
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveMediaCollection
{
    /// <summary>Real-time encoders compete for the CPU: these tests run one at a time.</summary>
    public const string Name = "live media";
}
