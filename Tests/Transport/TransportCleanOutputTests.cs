using Glance.Media.Transport;
using static Glance.Tests.Transport.TransportCorruptionTests;
using static Glance.Tests.Transport.TransportMediaFixture;

namespace Glance.Tests.Transport;

/// <summary>
/// ffmpeg's own output. With its defaults ffmpeg 5.1 is not TR 101 290 clean, and the analyzer must say exactly where:
/// a plain mpegts output carries a PCR every 100 ms (VBR default: the largest multiple of the frame duration up to 100 ms),
/// over the 40 ms limit; its HLS muxer asks for one PAT/PMT per segment (pat_period set to "infinite") and so sends
/// them only at segment starts and keyframes (1 s apart here), over the 0.5 s limit. With -pcr_period 20 and, for HLS,
/// -hls_segment_options pat_period=0.1 the output is clean and the analyzer reports nothing.
/// </summary>
[Collection(TransportMediaCollection.Name)]
public sealed class TransportCleanOutputTests(TransportMediaFixture media)
{
    [TsToolsFact]
    public async Task Ffmpeg_default_mpegts_has_exactly_the_PCR_repetition_errors_tsreport_shows()
    {
        var pcrs = await TsTools.PcrBasesAsync(media.DefaultTsPath);
        var gapsOver40Ms = pcrs.Zip(pcrs.Skip(1)).Count(p => p.Second - p.First > 3600);

        var report = Analyze(media.DefaultTs);

        gapsOver40Ms.Should().BeGreaterThan(10, "ffmpeg's VBR default is a PCR every 100 ms");
        pcrs.Zip(pcrs.Skip(1)).Should().OnlyContain(p => p.Second - p.First <= 9000, "no gap exceeds 100 ms");
        ExpectExactly(report, (TransportCheck.PcrRepetition, gapsOver40Ms));
        report.Packets.Should().Be(await TsTools.PacketCountAsync(media.DefaultTsPath));
    }

    [Fact]
    public void Ffmpeg_default_mpegts_is_clean_against_the_13818_1_PCR_limit_of_100_ms()
    {
        var report = Analyze(media.DefaultTs, new TransportAnalyzerOptions { PcrRepetitionLimit = TimeSpan.FromMilliseconds(100) });

        ExpectExactly(report);
    }

    [Fact]
    public void Ffmpeg_mpegts_with_a_20_ms_PCR_period_is_clean()
    {
        ExpectExactly(Analyze(media.CompliantTs));
    }

    [TsToolsFact]
    public async Task First_and_last_PTS_per_PID_match_tsreport()
    {
        var expected = await TsTools.PtsRangesAsync(media.DefaultTsPath);

        var report = Analyze(media.DefaultTs);

        expected.Keys.Should().BeEquivalentTo([VideoPid, AudioPid]);
        foreach (var (pid, (first, last)) in expected)
        {
            var summary = report.Pids.Single(p => p.Pid == pid);
            (summary.FirstPts, summary.LastPts).Should().Be((first, last), $"PID {pid}");
        }

        report.Pids.Select(p => (p.Pid, p.Kind)).Should().BeEquivalentTo(new[]
        {
            (0, PidKind.Pat), (0x11, PidKind.Psi), (VideoPid, PidKind.Video), (AudioPid, PidKind.Audio), (PmtPid, PidKind.Pmt),
        });
    }

    [Fact]
    public void Ffmpeg_default_hls_has_exactly_one_PAT_and_one_PMT_error_per_gap_over_half_a_second()
    {
        var analyzer = new TransportStreamAnalyzer();
        var reports = media.DefaultHlsSegments.Select(s => analyzer.Analyze(s)).ToList();

        // Independent count over the whole stream: times of PAT packets (by the last PCR), plus the end of the stream.
        var info = TsPacketInfo.ReadAll([.. media.DefaultHlsSegments.SelectMany(s => s)], VideoPid);
        var patTimes = info.Where(p => p.Pid == 0).Select(p => p.Time).Append(info.Last(p => p.HasPcr).Time).ToList();
        var gaps = patTimes.Zip(patTimes.Skip(1)).Select(p => p.Second - p.First).ToList();
        var expected = gaps.Count(g => g > 0.5);

        media.DefaultHlsSegments.Should().HaveCountGreaterThanOrEqualTo(3);
        gaps.Should().OnlyContain(g => g < 1.05, "one error per gap holds while no gap reaches two periods plus a PCR interval");
        expected.Should().BeGreaterThan(3);
        reports.Sum(r => r.Errors.Pat.Count).Should().Be(expected);
        reports.Sum(r => r.Errors.Pmt.Count).Should().Be(expected, "ffmpeg writes the PMT right after every PAT");
        reports.Sum(r => r.Errors.TotalCount).Should().Be(2 * expected, "nothing else is wrong");
        reports.Should().AllSatisfy(r => r.CarriesPsi.Should().BeTrue("RFC 8216: every segment carries its own PAT and PMT"));
        reports.Should().AllSatisfy(r => r.PatSections.Should().BeInRange(1, 3, "ffmpeg's HLS muxer writes one at the segment's start, then about once a second"));
    }

    [Fact]
    public void Ffmpeg_hls_with_PAT_every_100_ms_is_clean_across_segments_analysed_in_order()
    {
        var analyzer = new TransportStreamAnalyzer();

        var reports = media.CompliantHlsSegments.Select(s => analyzer.Analyze(s)).ToList();

        media.CompliantHlsSegments.Should().HaveCountGreaterThanOrEqualTo(3);
        reports.Should().AllSatisfy(r => ExpectExactly(r));
        reports.Should().AllSatisfy(r => r.PatSections.Should().BeGreaterThan(10, "a PAT every 100 ms in a 2 s segment"));
        var video = reports.Select(r => r.Pids.Single(p => p.Pid == VideoPid)).ToList();
        for (var i = 1; i < video.Count; i++)
        {
            video[i].MinPts.Should().Be(video[i - 1].MaxPts + 3000, "segments follow each other frame by frame (30 fps = 3000 ticks)");
        }
    }

    [Fact]
    public void Segments_analysed_out_of_order_are_not_clean()
    {
        var analyzer = new TransportStreamAnalyzer();
        analyzer.Analyze(media.CompliantHlsSegments[0]);

        var skipped = analyzer.Analyze(media.CompliantHlsSegments[2]);

        skipped.Errors.Continuity.Count.Should().BeGreaterThan(0);
        skipped.Errors.PcrDiscontinuity.Count.Should().Be(1);
    }
}
