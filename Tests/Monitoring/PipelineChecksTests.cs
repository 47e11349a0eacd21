using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Events;
using Glance.Grains.Interfaces.Monitoring;
using Glance.Grains.Interfaces.Timeline;
using Glance.Tests.Infrastructure;
using Glance.Tests.Ingest;

namespace Glance.Tests.Monitoring;

/// <summary>
/// Checks on what the real pipeline measured: an ffmpeg HLS (test pattern, a steady tone, MPEG-TS) served on loopback,
/// analysed by the silo, recorded by the timeline and checked by the monitor against a schedule.
/// </summary>
[Collection(LiveMediaCollection.Name)]
public sealed class PipelineChecksTests
{
    [Fact]
    public async Task Real_segments_are_checked_against_the_program_on_air()
    {
        using var folder = new TemporaryDirectory();
        var firstDate = await FfmpegVod.WriteAsync(folder.Path, 4);
        await using var origin = await HlsFileServer.StartAsync(folder.Path);
        await using var silo = await TestSilo.StartAsync(settings: IngestHarness.Settings(("Ingest:Streams:Start", "FirstInWindow")));
        var key = ResourceId.Scoped("acme", "checked");
        await silo.Grain<ILiveEventGrain>(key).CreateAsync(new LiveEventDefinition("Checked", firstDate, firstDate.AddHours(1), origin.Url(FfmpegVod.Playlist), Detectors: ["logos"]));
        var monitor = silo.Grain<IEventMonitorGrain>(key);
        // Seconds 0-2 are news, the rest a match with a logo nobody shows; the switch for loudness is off for the event.
        await monitor.PutScheduleAsync(
        [
            new ScheduledProgram("Bulletin", firstDate.AddHours(-1), firstDate.AddSeconds(2), "news", "news"),
            new ScheduledProgram("Match", firstDate.AddSeconds(2), firstDate.AddHours(1), "match", "sport", "GTV Sports", Teams: ["Porto"], Captions: true),
        ]);
        await monitor.PutSettingsAsync(new CheckSettings(Disabled: [MonitoringCheck.Loudness]));
        var timeline = silo.Grain<IEventTimelineGrain>(key);
        await Eventually.TrueAsync(async () => (await timeline.GetSegmentsAsync(null, 10)).Count == 2, "both segments are analysed", TimeSpan.FromSeconds(90));
        var statuses = await timeline.GetSegmentsAsync(null, 10);
        var checks = new List<SegmentChecks>();
        foreach (var status in statuses)
        {
            checks.Add(await Eventually.ValueAsync(() => monitor.GetSegmentChecksAsync(status.Sequence), $"segment {status.Sequence} is checked", TimeSpan.FromSeconds(30)));
        }

        checks.Select(c => c.ProgramId).Should().Equal("news", "match");
        foreach (var (c, status) in checks.Zip(statuses))
        {
            // Judged from the analyser's own TR 101 290 counts: priority 1 fails the check, priority 2 does not; PAT and
            // PMT by their presence in the segment (RFC 8216), which ffmpeg's HLS output meets though it repeats them
            // only about once a second.
            status.Transport!.CarriesPsi.Should().BeTrue();
            var priorityOne = new[] { "syncLoss", "syncByte", "continuity", "pid" }.Where(status.Transport.Errors.ContainsKey).ToList();
            var transport = c.Checks.Single(r => r.Check == MonitoringCheck.Transport);
            transport.Status.Should().Be(priorityOne.Count == 0 ? CheckStatus.Pass : CheckStatus.Fail);
            foreach (var name in priorityOne)
            {
                transport.Detected.Should().Contain(name);
            }

            Status(c, MonitoringCheck.Audio).Should().Be(CheckStatus.Pass, "a steady tone is never silent");
            Status(c, MonitoringCheck.Black).Should().Be(CheckStatus.Pass);
            Status(c, MonitoringCheck.Loudness).Should().Be(CheckStatus.Skipped);
        }

        Status(checks[0], MonitoringCheck.Teams).Should().Be(CheckStatus.Skipped, "no teams during news");
        var logo = checks[1].Checks.Single(r => r.Check == MonitoringCheck.StationLogo);
        logo.Status.Should().Be(CheckStatus.Fail, "the test pattern shows no station logo");
        logo.Frames.Should().NotBeEmpty().And.OnlyContain(f => f.Weight == 0);
        Status(checks[1], MonitoringCheck.Captions).Should().Be(CheckStatus.Fail, "the match expects captions and the stream has none");
    }

    private static CheckStatus Status(SegmentChecks checks, MonitoringCheck check) => checks.Checks.Single(c => c.Check == check).Status;
}
