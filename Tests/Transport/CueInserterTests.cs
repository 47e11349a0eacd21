using Glance.Media.Probing;
using Glance.Media.Processes;
using Glance.Media.Scte35;
using Glance.Media.Transport;
using Microsoft.Extensions.Options;
using static Glance.Tests.Transport.TransportCorruptionTests;
using static Glance.Tests.Transport.TransportMediaFixture;

namespace Glance.Tests.Transport;

/// <summary>
/// Cues carried in ffmpeg's own HLS segments (which declare no SCTE-35 PID) are found by the transport analyzer, on the
/// PID the inserter declared, where they were put, and the segments stay TR 101 290 clean.
/// </summary>
[Collection(TransportMediaCollection.Name)]
public sealed class CueInserterTests(TransportMediaFixture media)
{
    [Fact]
    public void A_splice_insert_put_at_a_presentation_time_is_found_there_on_the_declared_PID_and_the_segment_stays_clean()
    {
        var segment = media.CompliantHlsSegments[1];
        var before = Analyze(segment);
        var firstPts = before.Pids.Single(p => p.Pid == VideoPid).FirstPts!.Value;
        var at = firstPts + 90_000; // one second into the segment
        var section = SpliceInsertEncoder.Encode(Out(at + 45_000));

        var inserted = CueInserter.Insert(segment, [new TimedSection(at, section)], continuityCounter: 5);
        var report = Analyze(inserted.Stream);

        ExpectExactly(report);
        inserted.Stream.Length.Should().Be(segment.Length + 188, "one packet carries the section");
        inserted.NextContinuityCounter.Should().Be(6);
        inserted.Pid.Should().Be(0x102, "the first free PID above the program's video and audio");
        report.Pids.Single(p => p.Pid == inserted.Pid).Kind.Should().Be(PidKind.Scte35);
        var cue = report.Cues.Should().ContainSingle().Subject;
        (cue.Pid, cue.Error).Should().Be((inserted.Pid, (string?)null));
        cue.Section!.Command.Should().BeOfType<SpliceInsert>().Which.OutOfNetwork.Should().BeTrue();
        cue.EffectivePts.Should().Be(at + 45_000, "a timed splice happens at its splice time");
        cue.ArrivalPts.Should().Be(at, "the section went in front of the access unit at that time (25 fps: one every 3600 ticks)");
        CueInserter.FirstPts(inserted.Stream).Should().Be(firstPts);
        report.Pids.Where(p => p.Pid != inserted.Pid).Select(p => (p.Pid, p.Packets)).Should().Equal(before.Pids.Select(p => (p.Pid, p.Packets)), "nothing else moved or went missing");
    }

    [Fact]
    public void Segments_read_in_order_keep_one_unbroken_cue_PID_with_a_section_spanning_packets_and_segments_without_cues()
    {
        var analyzer = new TransportStreamAnalyzer();
        var cc = 0;
        var reports = new List<TransportSegmentReport>();
        var sections = new[] { Scte35TransportTests.LargeTimeSignal(), null, SpliceInsertEncoder.Encode(Out(0)) };
        for (var i = 0; i < media.CompliantHlsSegments.Count; i++)
        {
            var segment = media.CompliantHlsSegments[i];
            TimedSection[] cues = sections[i] is { } bytes ? [new TimedSection(CueInserter.FirstPts(segment)!.Value, bytes)] : [];
            var inserted = CueInserter.Insert(segment, cues, cc);
            cc = inserted.NextContinuityCounter;
            reports.Add(analyzer.Analyze(inserted.Stream));
        }

        reports.Should().AllSatisfy(r => ExpectExactly(r));
        cc.Should().Be(3, "the large section took two packets, the splice_insert one");
        reports[0].Cues.Should().ContainSingle().Which.Section!.SegmentationDescriptors.Should().HaveCount(4);
        reports[1].Cues.Should().BeEmpty();
        reports[2].Cues.Should().ContainSingle().Which.Section!.CommandName.Should().Be("splice_insert");
    }

    [Fact]
    public void A_stream_that_carries_cues_already_keeps_its_PID_and_PMT()
    {
        var once = CueInserter.Insert(media.CompliantHlsSegments[0], []);

        var twice = CueInserter.Insert(once.Stream, [new TimedSection(0, SpliceInsertEncoder.Encode(Out(0)))], once.NextContinuityCounter, pid: 0x1F0);

        once.Stream.Should().HaveCount(media.CompliantHlsSegments[0].Length, "with no section only the PMT changes");
        twice.Pid.Should().Be(once.Pid, "the declared PID is used, whatever was asked");
        twice.Stream.Length.Should().Be(once.Stream.Length + 188);
        var report = Analyze(twice.Stream);
        ExpectExactly(report);
        report.Cues.Should().ContainSingle().Which.Pid.Should().Be(once.Pid);
    }

    [Fact]
    public async Task Ffmpeg_reads_the_rewritten_segment_with_the_cue_PID_as_an_SCTE_35_data_stream()
    {
        var inserted = CueInserter.Insert(media.CompliantHlsSegments[1], [new TimedSection(0, SpliceInsertEncoder.Encode(Out(0)))]);

        var probe = await new MediaProber(Options.Create(new FfmpegOptions())).ProbeAsync(inserted.Stream, CancellationToken.None);

        probe.Streams.Should().Contain(s => s.Kind == "data" && s.Codec == "scte_35" && s.Id == "0x102", "the CUEI registration tells ffmpeg what stream type 0x86 is");
        probe.Streams.Select(s => s.Codec).Should().Contain(["h264", "aac"]);
    }

    [Theory]
    [InlineData("partial packet")]
    [InlineData("no PAT")]
    [InlineData("PID in use")]
    public void A_stream_it_cannot_carry_cues_in_is_refused(string what)
    {
        var segment = media.CompliantHlsSegments[0];
        var act = what switch
        {
            "partial packet" => () => CueInserter.Insert(segment.AsSpan(0, segment.Length - 1), []),
            "no PAT" => () => CueInserter.Insert(WithoutPat(segment), []),
            _ => new Func<CueInsertion>(() => CueInserter.Insert(segment, [], pid: AudioPid)),
        };

        act.Should().Throw<CueInsertionException>();
    }

    private static byte[] WithoutPat(byte[] segment)
    {
        var corrupter = new TsCorrupter(segment);
        for (var i = 0; i < segment.Length / 188; i++)
        {
            if (segment[(i * 188) + 1] == 0x40 && segment[(i * 188) + 2] == 0)
            {
                corrupter.ReplaceWithNull(i);
            }
        }

        return corrupter.Build();
    }

    private static SpliceInsert Out(long pts) => new()
    {
        EventId = 1,
        EventCancel = false,
        OutOfNetwork = true,
        ProgramSplice = true,
        DurationFlag = true,
        SpliceTime = new SpliceTime(true, pts, pts),
        BreakDuration = new BreakDuration(true, 900_000),
    };
}
