using Glance.Grains.Interfaces.Events;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Ingest;

/// <summary>The durable reminder that starts ingestion a lead time before an event and stops it a grace time after.</summary>
[Collection(LiveMediaCollection.Name)]
public sealed class EventScheduleTests
{
    private const string StaticPlaylist = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:2,\na.ts\n#EXTINF:2,\nb.ts\n";

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
    public async Task An_event_deleted_and_created_again_on_the_same_source_starts_its_stream_afresh()
    {
        using var folder = new TemporaryDirectory();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "live.m3u8"), StaticPlaylist);
        await using var origin = await HlsFileServer.StartAsync(folder.Path);
        await using var harness = await IngestHarness.StartAsync();
        var source = origin.Url("live.m3u8");
        await harness.Event("again").CreateAsync(IngestHarness.LiveNow(source));
        await Eventually.TrueAsync(() => harness.Handler.Handed.Count >= 2, "the first event's segments are handed", TimeSpan.FromSeconds(30));

        await harness.Event("again").DeleteAsync();
        var forgotten = await harness.Stream("again").GetStatusAsync();
        await harness.Event("again").CreateAsync(IngestHarness.LiveNow(source));

        forgotten.Running.Should().BeFalse();
        forgotten.SegmentsHanded.Should().Be(0, "a deleted event's stream forgets its counters");
        forgotten.RecentEvents.Should().BeEmpty();
        // The same two segments again: a cursor kept from the deleted event would have taken them as seen.
        await Eventually.TrueAsync(() => harness.Handler.Handed.Count >= 4, "the new event's stream hands the source's segments again", TimeSpan.FromSeconds(30));
        var status = await harness.Stream("again").GetStatusAsync();
        status.RecentEvents.Where(e => e.Kind == Glance.Grains.Interfaces.Ingest.StreamIngestEventKind.Started).Should().ContainSingle();
        status.SegmentsHanded.Should().Be(2);
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
