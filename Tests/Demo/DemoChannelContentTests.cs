using System.Globalization;
using System.Text.RegularExpressions;
using Glance.Detection;
using Glance.Detection.Local.Faces;
using Glance.Detection.Local.Imaging;
using Glance.Detection.Local.Logos;
using Glance.Detection.Local.Teams;
using Glance.Detection.Local.Text;
using Glance.Demo.Channel;
using Glance.Media.Images;
using Glance.Media.Processes;
using Glance.Media.Scte35;
using Glance.Media.Transport;
using Glance.Tests.Faces;
using Glance.Tests.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Demo;

/// <summary>
/// What a viewer of the demo channel sees and hears, checked with the service's own local detectors at their default
/// thresholds (what the demo event uses), the transport analyzer and ffmpeg's signal detectors.
/// </summary>
[Collection(DemoChannelCollection.Name)]
public sealed class DemoChannelContentTests(DemoChannelFixture fixture)
{
    private static readonly LogoMatcher Matcher = new(Options.Create(new LocalLogoOptions()));

    [Fact]
    public void The_playlist_is_live_HLS_with_program_date_time_on_every_segment()
    {
        var playlist = fixture.Playlist;

        playlist.TargetDuration.Should().Be(DemoChannelFixture.SegmentSeconds);
        playlist.EndList.Should().BeFalse("the channel is live");
        fixture.PlaylistText.Should().Contain("#EXT-X-INDEPENDENT-SEGMENTS");
        playlist.Segments.Should().HaveCountGreaterThanOrEqualTo(8).And.OnlyContain(s => !s.Discontinuity && s.ProgramDateTimeTagged);
        playlist.Segments.Should().OnlyContain(s => Math.Abs(s.Duration - DemoChannelFixture.SegmentSeconds) < 0.001, "keyframes fall exactly on segment boundaries");
        for (var i = 1; i < playlist.Segments.Count; i++)
        {
            var (previous, segment) = (playlist.Segments[i - 1], playlist.Segments[i]);
            segment.MediaSequence.Should().Be(previous.MediaSequence + 1);
            (segment.ProgramDateTime - previous.ProgramDateTime).Should().Be(TimeSpan.FromSeconds(DemoChannelFixture.SegmentSeconds));
            Path.GetFileName(segment.Uri.LocalPath).Should().Be(string.Create(CultureInfo.InvariantCulture, $"segment{segment.MediaSequence}.ts"));
        }
    }

    [Fact]
    public async Task Every_segment_starts_on_a_keyframe_and_has_one_every_second()
    {
        string[] arguments = ["-v", "error", "-f", "mpegts", "-i", "pipe:0", "-select_streams", "v", "-show_entries", "packet=flags", "-of", "csv=p=0"];
        foreach (var segment in fixture.Segments.Take(3))
        {
            var result = await ChildProcess.RunCheckedAsync(new ChildProcessRequest("ffprobe", arguments) { StandardInput = segment }, CancellationToken.None);

            var flags = System.Text.Encoding.ASCII.GetString(result.StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            flags.Should().HaveCount(25 * DemoChannelFixture.SegmentSeconds, "25 frames a second");
            flags.Select((f, i) => (f, i)).Where(p => p.f.StartsWith('K')).Select(p => p.i).Should().Equal(Enumerable.Range(0, DemoChannelFixture.SegmentSeconds).Select(s => s * 25));
        }
    }

    [Fact]
    public void Segments_analysed_in_order_have_no_TR_101_290_error()
    {
        var analyzer = new TransportStreamAnalyzer();

        var reports = fixture.Segments.Select(s => analyzer.Analyze(s)).ToList();

        reports.Should().AllSatisfy(r =>
        {
            r.Errors.TotalCount.Should().Be(0, "PAT/PMT every 100 ms and PCR every 20 ms keep ffmpeg within TR 101 290");
            r.Pids.Should().Contain(p => p.Kind == PidKind.Video).And.Contain(p => p.Kind == PidKind.Audio);
            r.PcrPid.Should().NotBeNull();
        });
        fixture.Segments.Select(s => CueInserter.Insert(s, Array.Empty<TimedSection>()).Stream).Should().BeEquivalentTo(fixture.Segments, o => o.WithStrictOrdering(), "every PMT declares the cue PID already, cue or not");
    }

    [Fact]
    public void The_break_is_cued_in_band_out_where_it_starts_and_back_in_where_it_ends()
    {
        var programme = fixture.Channel.Options.Programme;
        var analyzer = new TransportStreamAnalyzer();
        var found = new List<(TransportCue Cue, SpliceInsert Insert, DateTimeOffset At)>();
        foreach (var (segment, bytes) in fixture.Playlist.Segments.Zip(fixture.Segments))
        {
            var report = analyzer.Analyze(bytes);
            var firstPts = report.Pids.Single(p => p.Kind == PidKind.Video).FirstPts!.Value;
            foreach (var cue in report.Cues)
            {
                cue.Error.Should().BeNull();
                cue.ArrivalPts.Should().Be(firstPts, "a cue goes ahead of its segment's first frame");
                var at = segment.ProgramDateTime!.Value.AddSeconds((cue.EffectivePts!.Value - firstPts) / 90_000.0);
                found.Add((cue, cue.Section!.Command.Should().BeOfType<SpliceInsert>().Subject, at));
            }
        }

        var start = DemoMedia.Start(fixture.Playlist);
        var end = start.AddSeconds(fixture.Segments.Count * DemoChannelFixture.SegmentSeconds);
        var outs = found.Where(f => f.Insert.OutOfNetwork).ToList();
        var ins = found.Where(f => !f.Insert.OutOfNetwork).ToList();
        outs.Should().HaveCount(Edges(programme.Break.Start), "one out cue for every break start in the capture");
        ins.Should().HaveCount(Edges(programme.Break.End));
        outs.Should().NotBeEmpty("a capture of a cycle plus a segment holds a break start");
        ins.Should().NotBeEmpty();
        found.Select(f => f.Cue.Pid).Distinct().Should().ContainSingle();
        foreach (var (_, insert, at) in outs)
        {
            fixture.Channel.ProgrammeAt(at)!.Phase.TotalSeconds.Should().BeApproximately(programme.Break.Start.TotalSeconds, 0.002, "the splice time is the break's start");
            insert.BreakDuration!.Seconds.Should().BeApproximately(programme.Break.Length.TotalSeconds, 1e-4);
            insert.BreakDuration.AutoReturn.Should().BeTrue();
        }

        foreach (var (_, insert, at) in ins)
        {
            fixture.Channel.ProgrammeAt(at)!.Phase.TotalSeconds.Should().BeApproximately(programme.Break.End.TotalSeconds, 0.002, "the return is at the break's end");
            if (at - programme.Break.Length >= start)
            {
                outs.Should().ContainSingle(o => o.Insert.EventId == insert.EventId, "a return names the break it ends");
            }
        }

        // Break edges within the capture, from the programme alone.
        int Edges(TimeSpan edge)
        {
            var phase = fixture.Channel.ProgrammeAt(start)!.Phase;
            var first = start + TimeSpan.FromTicks((((edge - phase).Ticks % programme.Cycle.Ticks) + programme.Cycle.Ticks) % programme.Cycle.Ticks);
            return first >= end ? 0 : 1 + (int)((end - first - TimeSpan.FromTicks(1)) / programme.Cycle);
        }
    }

    [FaceModelsFact]
    public async Task The_presenter_is_named_from_the_exposed_photo_while_shown_and_no_face_is_seen_otherwise()
    {
        var detector = new LocalFaceDetector(FaceModelsFixture.Analyzer(), FaceModelsFixture.Codec);
        var presenter = fixture.Assets.Gallery.Presenter;
        var descriptor = await detector.DescribeReferenceImageAsync(presenter.Photo, ImageDecodeLimits.Default, CancellationToken.None);
        var context = DetectionContext.Empty with { People = [new KnownPerson(presenter.Id, presenter.Name, [descriptor])] };
        var shown = await DemoMedia.FrameAsync(fixture, DemoMedia.Find(fixture, m => m.PresenterShown, "the presenter"));
        var hidden = await DemoMedia.FrameAsync(fixture, DemoMedia.Find(fixture, m => !m.PresenterShown, "no presenter"));

        var detections = await detector.DetectAsync(new DetectionFrame(shown), context, CancellationToken.None);
        var nothing = await detector.DetectAsync(new DetectionFrame(hidden), context, CancellationToken.None);

        var face = detections.Should().ContainSingle().Subject;
        (face.Id, face.Name).Should().Be((DemoGallery.PresenterId, DemoGallery.PresenterName));
        var panel = Rect(fixture.Assets.Layout.Presenter);
        PixelRect.FromBox(face.Box!.Value, shown.Width, shown.Height).Intersect(panel).Area.Should().Be(PixelRect.FromBox(face.Box!.Value, shown.Width, shown.Height).Area, "the face lies on the photo");
        nothing.Should().BeEmpty();
    }

    [Theory]
    [InlineData(TextEngine.PaddleOcr)]
    [InlineData(TextEngine.Tesseract)]
    public async Task The_scoreboard_is_read_and_names_both_registered_teams_only_while_shown(TextEngine engine)
    {
        var recognizer = engine == TextEngine.PaddleOcr ? PaddleOcrTextTests.Recognizer() : TextDetectorTests.Recognizer(new LocalTextOptions());
        var teams = new LocalTeamDetector(recognizer, Matcher, NullLogger<LocalTeamDetector>.Instance);
        var context = DetectionContext.Empty with
        {
            Teams = fixture.Assets.Gallery.Teams.Select(t => new KnownTeam(t.Id, t.Name, t.Abbreviations, [], null)).ToList(),
        };
        var shown = new DetectionFrame(await DemoMedia.FrameAsync(fixture, DemoMedia.Find(fixture, m => m.ScoreboardShown, "the scoreboard")));
        var hidden = new DetectionFrame(await DemoMedia.FrameAsync(fixture, DemoMedia.Find(fixture, m => !m.ScoreboardShown, "no scoreboard")));

        var text = await new LocalTextDetector(recognizer, Microsoft.Extensions.Options.Options.Create(new LocalTextOptions())).DetectAsync(shown, context, CancellationToken.None);
        var named = await teams.DetectAsync(shown, context, CancellationToken.None);
        var unnamed = await teams.DetectAsync(hidden, context, CancellationToken.None);

        var line = text.Should().ContainSingle(d => Regex.IsMatch(TextFolding.Fold(d.Name), @"\bPOR\b"), "the logo's SPORTS holds POR too; the lines read were {0}", string.Join(" | ", text.Select(d => $"{d.Name} @ {d.Box}"))).Subject;
        Regex.Matches(TextFolding.Fold(line.Name), "[A-Z]+").Select(m => m.Value).Should().ContainInOrder("POR", "SAN");
        var plate = BoundingBox.FromPixels(fixture.Assets.Layout.Scoreboard.X, fixture.Assets.Layout.Scoreboard.Y, fixture.Assets.Layout.Scoreboard.Width, fixture.Assets.Layout.Scoreboard.Height, shown.Image.Width, shown.Image.Height);
        (line.Box!.Value.Y + (line.Box.Value.Height / 2)).Should().BeInRange(plate.Y, plate.Y + plate.Height);
        named.Select(d => d.Id).Should().BeEquivalentTo([DemoGallery.HomeTeamId, DemoGallery.AwayTeamId]);
        unnamed.Should().BeEmpty();
    }

    /// <summary>
    /// Every frame of the capture in which the scoreboard with the registered teams is drawn, read cold (no region
    /// cache: each frame for itself), must give one line with both teams in order and the score between. One frame in
    /// two (0.08 s) hits every visual state of the cycle several times, the shortest (the scoreboard beside the logo
    /// just before the logo drops out, 0.4 s of this fixture's 12 s cycle) included; the test before read only the
    /// first scoreboard moment of the capture, so whether the logo stood beside it depended on the channel's phase.
    /// </summary>
    [Fact]
    public async Task Every_moment_the_scoreboard_is_shown_it_reads_as_one_line_naming_both_teams_in_order()
    {
        const int FrameStep = 2;
        var recognizer = PaddleOcrTextTests.Recognizer(new LocalTextOptions { RegionCacheSize = 0 });
        var frameSeconds = 1.0 / fixture.Channel.Options.FrameRate;
        var failures = new List<string>();
        var (besideLogo, alone) = (0, 0);
        for (var s = 0; s < fixture.Segments.Count; s++)
        {
            var start = fixture.Playlist.Segments[s].ProgramDateTime!.Value;
            bool Shown(double seconds) => fixture.Channel.ProgrammeAt(start.AddSeconds(seconds)) is { ScoreboardShown: true };
            foreach (var (offset, image) in await DemoMedia.FramesAsync(fixture, s, FrameStep))
            {
                // A frame's neighbours show the scoreboard too, so the frame is not one the overlay is switched on or off in.
                if (!(Shown(offset) && Shown(offset - frameSeconds) && Shown(offset + frameSeconds)))
                {
                    continue;
                }

                var text = await recognizer.RecognizeAsync(await SharedImages.GreyAsync(new DetectionFrame(image), CancellationToken.None), [], CancellationToken.None);

                var logo = fixture.Channel.ProgrammeAt(start.AddSeconds(offset))!.LogoShown;
                if (logo)
                {
                    besideLogo++;
                }
                else
                {
                    alone++;
                }

                if (!text.Lines.Any(l => Regex.IsMatch(l.Text.ToUpperInvariant(), @"\bPOR\s*\d+\s*-\s*\d+\s*SAN\b")))
                {
                    failures.Add(string.Create(CultureInfo.InvariantCulture, $"segment {s} at {offset:0.00} s (logo {logo}): {string.Join(" | ", text.Lines.Select(l => l.Text))}"));
                }
            }
        }

        besideLogo.Should().BeGreaterThan(0, "a capture of a cycle plus a segment shows the scoreboard beside the logo");
        alone.Should().BeGreaterThan(0, "and the scoreboard alone in the logo dropout");
        failures.Should().BeEmpty("every frame showing the scoreboard reads it as one line");
    }

    [Fact]
    public async Task The_logo_is_found_in_its_corner_with_the_exposed_template()
    {
        var exposed = fixture.Assets.Gallery.Logo;
        var preparer = new LogoUploadPreparer(new FfmpegImageCodec(Options.Create(new FfmpegOptions())), Matcher);
        var template = await preparer.PrepareAsync(exposed.Png, exposed.WidthOnAir, CancellationToken.None);
        var detector = new LocalLogoDetector(Matcher, NullLogger<LocalLogoDetector>.Instance);
        var context = DetectionContext.Empty with { Logos = [new KnownLogo(exposed.Id, exposed.Name, template)] };

        foreach (var (wanted, what) in new (Func<ProgrammeMoment, bool>, string)[] { (m => m.PresenterShown && m.LogoShown, "the presenter"), (m => !m.PresenterShown && m.OtherTeamsShown && m.LogoShown, "the scoreboard") })
        {
            var frame = await DemoMedia.FrameAsync(fixture, DemoMedia.Find(fixture, wanted, what));

            var detections = await detector.DetectAsync(new DetectionFrame(frame), context, CancellationToken.None);

            var logo = detections.Should().ContainSingle(what).Subject;
            (logo.Id, logo.Name).Should().Be((DemoGallery.LogoId, DemoGallery.LogoName));
            PixelRect.FromBox(logo.Box!.Value, frame.Width, frame.Height).Overlap(Rect(fixture.Assets.Layout.Logo)).Should().BeGreaterThan(0.7, what);
        }

        (template.Width, template.Height).Should().Be((DemoAssetRenderer.LogoWidth, DemoAssetRenderer.LogoHeight), "the template is uploaded at its size on air");
    }

    [Fact]
    public async Task Silence_falls_where_the_programme_says_and_nothing_else_would_alarm_a_monitor()
    {
        var programme = fixture.Channel.Options.Programme;
        var start = DemoMedia.Start(fixture.Playlist);
        var capture = fixture.Segments.Count * DemoChannelFixture.SegmentSeconds;

        var signals = await DemoMedia.SignalsAsync(fixture.Segments);

        // Silences cut by the ends of the capture have no start or no end; the whole ones must sit on the window.
        var whole = signals.SilenceStarts.Zip(signals.SilenceEnds).Where(s => s.First > 0.1 && s.Second < capture - 0.1).ToList();
        whole.Should().NotBeEmpty("a capture of a cycle plus a segment holds a whole silence window");
        foreach (var (silenceStart, silenceEnd) in whole)
        {
            fixture.Channel.ProgrammeAt(start.AddSeconds(silenceStart))!.Phase.TotalSeconds.Should().BeApproximately(programme.Silence.Start.TotalSeconds, 0.1);
            fixture.Channel.ProgrammeAt(start.AddSeconds(silenceEnd))!.Phase.TotalSeconds.Should().BeApproximately(programme.Silence.End.TotalSeconds, 0.1);
        }

        signals.SilenceStarts.Count.Should().BeLessThanOrEqualTo((int)Math.Ceiling(capture / programme.Cycle.TotalSeconds) + 1);
        signals.Frozen.Should().BeFalse("the background moves");
        signals.Black.Should().BeFalse();
        signals.IntegratedLufs.Should().BeApproximately(-23, 1, "the tone is at EBU R128's target");
    }

    [Fact]
    public void The_gallery_names_what_the_channel_shows()
    {
        var gallery = fixture.Assets.Gallery;

        gallery.Presenter.Should().Match<DemoPerson>(p => p.Id == "demo-presenter" && p.Name == "Demo Presenter");
        gallery.Presenter.Photo.AsSpan(1, 3).SequenceEqual("PNG"u8).Should().BeTrue();
        gallery.Teams.Select(t => (t.Id, t.Name, t.Abbreviations.Single())).Should().Equal(("porto", "Porto", "POR"), ("santos", "Santos", "SAN"));
        gallery.ScoreboardText.Should().Be("POR 1 - 0 SAN");
        (gallery.Logo.WidthOnAir, gallery.Logo.HeightOnAir).Should().Be((150, 60));
        fixture.Assets.Layout.Logo.Should().Be(new ScreenRect(545, 15, 75, 30), "the 150x60 template at half size in a 360-line frame, 20 px from the right");
    }

    private static PixelRect Rect(ScreenRect rect) => new(rect.X, rect.Y, rect.Width, rect.Height);
}
