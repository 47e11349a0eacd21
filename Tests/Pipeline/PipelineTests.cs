using Glance.Detection;
using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Events;
using Glance.Grains.Interfaces.Timeline;
using Glance.Tests.Infrastructure;
using Glance.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Tests.Pipeline;

/// <summary>The real pipeline (fetch, ffmpeg, detectors, timeline) on a finished HLS made by ffmpeg, served on loopback.</summary>
[Collection(LiveMediaCollection.Name)]
public sealed class PipelineTests
{
    [Fact]
    public async Task A_detector_that_throws_or_hangs_loses_only_its_own_results()
    {
        using var folder = new TemporaryDirectory();
        var firstDate = await FfmpegVod.WriteAsync(folder.Path, 8);
        await using var origin = await HlsFileServer.StartAsync(folder.Path);
        await using var silo = await TestSilo.StartAsync(
            settings: IngestHarness.Settings(("Ingest:Streams:Start", "FirstInWindow"), ("Pipeline:DetectorTimeout", "00:00:01")),
            configure: services =>
            {
                services.AddSingleton<IFrameDetector, AlwaysSeesAda>();
                services.AddSingleton<IFrameDetector, ThrowsOnEveryOtherFrame>();
                services.AddSingleton<IFrameDetector, HangsOnce>();
            });
        var key = ResourceId.Scoped("acme", "p1");

        await silo.Grain<ILiveEventGrain>(key).CreateAsync(new LiveEventDefinition(
            "Pipeline", firstDate, firstDate.AddHours(1), origin.Url(FfmpegVod.Playlist), Detectors: ["faces", "labels", "text"]));
        var timeline = silo.Grain<IEventTimelineGrain>(key);
        await Eventually.TrueAsync(async () => (await timeline.GetSegmentsAsync(null, 10)).Count == 4, "all four segments are analysed", TimeSpan.FromSeconds(90));

        var statuses = await timeline.GetSegmentsAsync(null, 10);
        statuses.Should().OnlyContain(s => s.Outcome == SegmentOutcome.Analysed, "a misbehaving detector does not fail the segment");
        statuses.Sum(s => s.Frames).Should().Be(8);
        var errors = statuses.SelectMany(s => s.DetectorErrors).ToList();
        errors.Should().Contain(e => e.StartsWith("local.labels", StringComparison.Ordinal) && e.Contains("fell over"));
        errors.Should().ContainSingle(e => e.StartsWith("local.text", StringComparison.Ordinal)).Which.Should().Contain("timed out");

        var page = await timeline.GetTimelineAsync(-10_000, 20_000, null, 100);
        page.Entries.Select(e => e.Position).Should().Equal([0, 1, 2, 3, 4, 5, 6, 7], (a, b) => Math.Abs(a - b) < 0.002, "frames sit at whole seconds of the event");
        page.Entries.Should().OnlyContain(e => e.Sightings.Any(s => s.Name == "Ada"), "the well-behaved detector's results are kept on every frame");
        page.Entries.Count(e => e.Sightings.Any(s => s.Kind == "text")).Should().Be(7, "only the frame on which the text detector hung lacks text");
        var context = await timeline.GetContextAsync(4, 4, 3);
        context.Entities.Select(e => e.Name).Should().Contain(["Ada", "POR 1 - 0 SAN", "pitch"]);
    }
}
