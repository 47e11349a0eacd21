using Glance.Grains.Interfaces.Events;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Ingest;

/// <summary>The durable reminder that starts ingestion a lead time before an event and stops it a grace time after.</summary>
[Collection(LiveMediaCollection.Name)]
public sealed class EventScheduleTests
{
    private const string StaticPlaylist = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:2,\na.ts\n#EXTINF:2,\nb.ts\n";

    [Fact]
    public async Task On_a_fake_clock_the_reminder_starts_at_the_lead_time_and_stops_after_the_grace_time()
    {
        using var folder = new TemporaryDirectory();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "live.m3u8"), StaticPlaylist);
        await using var origin = await HlsFileServer.StartAsync(folder.Path);
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
        await using var harness = await IngestHarness.StartAsync(settings: IngestHarness.Settings(), clock: clock);
        var start = clock.GetUtcNow().AddMinutes(10);
        var definition = new LiveEventDefinition("Evening match", start, start.AddMinutes(10), origin.Url("live.m3u8"));

        var created = await harness.Event("sched").CreateAsync(definition);
        created.State.Should().Be(LiveEventState.Scheduled);
        (await harness.Stream("sched").GetStatusAsync()).Running.Should().BeFalse();

        clock.Advance(TimeSpan.FromMinutes(9)); // 60 s before the start: still too early (lead is 30 s)
        await Task.Delay(300);
        (await harness.Event("sched").GetAsync())!.State.Should().Be(LiveEventState.Scheduled);

        clock.Advance(TimeSpan.FromSeconds(31)); // 29 s before the start: inside the lead time
        await Eventually.TrueAsync(async () => (await harness.Event("sched").GetAsync())!.State == LiveEventState.Live, "ingestion starts 30 s before the start");
        (await harness.Stream("sched").GetStatusAsync()).Running.Should().BeTrue();

        clock.Advance(TimeSpan.FromMinutes(11)); // past the end but inside the 2 min grace
        await Task.Delay(300);
        (await harness.Event("sched").GetAsync())!.State.Should().Be(LiveEventState.Live);

        // Past end + grace. The clock moves in reminder periods, as real time does: a reminder re-arms only after its
        // tick's turn has run, so one big jump could pass before it is armed again.
        await Eventually.TrueAsync(
            async () =>
            {
                clock.Advance(TimeSpan.FromSeconds(30));
                await Task.Delay(100);
                return (await harness.Event("sched").GetAsync())!.State == LiveEventState.Ended;
            },
            "ingestion stops after the grace time");
        clock.GetUtcNow().Should().BeAfter(start.AddMinutes(12), "it does not end before end + grace");
        (await harness.Stream("sched").GetStatusAsync()).Running.Should().BeFalse();
    }

    [Fact]
    public async Task For_real_with_short_times_the_event_goes_live_and_ends_by_itself()
    {
        using var folder = new TemporaryDirectory();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "live.m3u8"), StaticPlaylist);
        await using var origin = await HlsFileServer.StartAsync(folder.Path);
        await using var harness = await IngestHarness.StartAsync(settings: IngestHarness.Settings(
            ("Events:StartLead", "00:00:01"),
            ("Events:EndGrace", "00:00:01"),
            ("Events:ReconcileInterval", "00:00:00.500")));
        var now = DateTimeOffset.UtcNow;

        await harness.Event("short").CreateAsync(new LiveEventDefinition("Short", now.AddSeconds(2), now.AddSeconds(4), origin.Url("live.m3u8")));

        await Eventually.TrueAsync(async () => (await harness.Event("short").GetAsync())!.State == LiveEventState.Live, "it goes live by itself", TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(async () => (await harness.Event("short").GetAsync())!.State == LiveEventState.Ended, "it ends by itself", TimeSpan.FromSeconds(30));
        (await harness.Stream("short").GetStatusAsync()).Running.Should().BeFalse();
    }

    [Fact]
    public async Task Manual_start_and_stop_override_the_schedule()
    {
        using var folder = new TemporaryDirectory();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "live.m3u8"), StaticPlaylist);
        await using var origin = await HlsFileServer.StartAsync(folder.Path);
        await using var harness = await IngestHarness.StartAsync();
        var now = DateTimeOffset.UtcNow;
        await harness.Event("manual").CreateAsync(new LiveEventDefinition("Tomorrow", now.AddDays(1), now.AddDays(1).AddHours(2), origin.Url("live.m3u8")));

        var started = await harness.Event("manual").StartAsync();
        started.State.Should().Be(LiveEventState.Live);
        started.Override.Should().Be(ManualOverride.Started);
        (await harness.Stream("manual").GetStatusAsync()).Running.Should().BeTrue();

        var stopped = await harness.Event("manual").StopAsync();
        stopped.State.Should().Be(LiveEventState.Ended);
        (await harness.Stream("manual").GetStatusAsync()).Running.Should().BeFalse();
    }

    [Fact]
    public async Task An_invalid_definition_is_refused_field_by_field()
    {
        await using var harness = await IngestHarness.StartAsync();
        var now = DateTimeOffset.UtcNow;

        var act = () => harness.Event("bad").CreateAsync(new LiveEventDefinition(
            string.Empty, now, now.AddMinutes(-1), new Uri("ftp://example.com/x.m3u8"), new VariantPreference(MaxHeight: 50), new SamplingPolicy(FramesPerSecond: 100), ["x-ray"]));

        var error = await act.Should().ThrowAsync<Glance.Grains.Interfaces.Common.ValidationFailedException>();
        error.Which.Errors.Keys.Should().BeEquivalentTo("name", "endsAt", "source", "variant.maxHeight", "sampling.framesPerSecond", "detectors");
        (await harness.Event("bad").GetAsync()).Should().BeNull("nothing is stored for a refused definition");
    }
}
