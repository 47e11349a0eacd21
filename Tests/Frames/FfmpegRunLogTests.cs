using Glance.Media.Analysis;

namespace Glance.Tests.Frames;

/// <summary>Parsing of ffmpeg 5.1's banner, showinfo and -debug_ts lines.</summary>
public sealed class FfmpegRunLogTests
{
    [Fact]
    public void Reads_streams_captions_and_rates_from_the_banner()
    {
        var log = new FfmpegRunLog();
        string[] lines =
        [
            "Input #0, mpegts, from 'pipe:0':",
            "  Duration: N/A, start: 1.400000, bitrate: N/A",
            "  Program 1 ",
            "  Stream #0:0[0x100]: Video: h264 (High) ([27][0][0][0] / 0x001B), yuv420p(progressive), 1280x720 [SAR 1:1 DAR 16:9], Closed Captions, 29.97 fps, 29.97 tbr, 90k tbn",
            "  Stream #0:1[0x101]: Audio: aac (LC) ([15][0][0][0] / 0x000F), 48000 Hz, stereo, fltp, 129 kb/s",
            "Stream mapping:",
            "Output #0, rawvideo, to 'pipe:1':",
            "  Stream #0:0: Video: rawvideo (RGB[24] / 0x18424752), rgb24, 640x360, q=2-31, 30 fps, 30 tbn",
        ];

        foreach (var line in lines)
        {
            log.Consume(line);
        }

        log.Banner.Complete.Should().BeTrue();
        log.Banner.Streams.Should().HaveCount(2);
        log.Banner.HasAudio.Should().BeTrue();
        log.Banner.Video.Should().Be(new BannerStream(0, "Video", true, 29.97, 90_000, 1280, 720));
    }

    [Fact]
    public void Reads_fmp4_time_bases()
    {
        var log = new FfmpegRunLog();

        log.Consume("Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'pipe:0':");
        log.Consume("  Stream #0:0[0x1](und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(progressive), 320x180 [SAR 1:1 DAR 16:9], 145 kb/s, 30 fps, 30 tbr, 15360 tbn (default)");
        log.Complete();

        log.Banner.Video!.TimeBaseDenominator.Should().Be(15360);
        log.Banner.HasAudio.Should().BeFalse();
    }

    [Fact]
    public async Task Grid_lines_describe_the_piped_frames()
    {
        var log = new FfmpegRunLog();

        log.Consume("[showinfo@grid @ 0x564eee2997c0] config in time_base: 1/90000, frame_rate: 30/1");
        log.Consume("[showinfo@grid @ 0x564eee2997c0] n:   0 pts: 132000 pts_time:1.46667 pos:      564 fmt:rgb24 sar:1/1 s:640x360 i:P iskey:1 type:I ");
        log.Consume("[showinfo@grid @ 0x564eee2997c0] color_range:pc color_space:gbr color_primaries:unknown color_trc:unknown");
        log.Consume("[showinfo@grid @ 0x564eee2997c0] n:   1 pts: NOPTS pts_time:NOPTS pos:      564 fmt:rgb24 sar:1/1 s:640x360 i:P iskey:0 type:P ");
        log.Consume("[showinfo@all @ 0x1] n:   0 pts: -73592 pts_time:-0.817689 pos: 564 fmt:yuv420p sar:1/1 s:320x180 i:P iskey:1 type:I ");
        log.Consume("[showinfo@all @ 0x1]   side data - A/53 closed captions (6 bytes)");
        log.Consume("[ashowinfo@afirst @ 0x2] n:0 pts:63656 pts_time:1.44345 pos:4512 fmt:fltp channels:1 chlayout:mono rate:44100 nb_samples:1024 checksum:6190C37B");
        log.Complete();

        (await log.GridHeaders.ReadAsync()).Should().Be(new GridFrameHeader(132_000, 640, 360));
        (await log.GridHeaders.ReadAsync()).Should().Be(new GridFrameHeader(null, 640, 360));
        log.AllFramePts.Should().Equal(-73_592);
        log.CaptionsInFrames.Should().BeTrue();
        log.FirstAudio.Should().Be((63_656L, 44_100));
    }

    [Fact]
    public void Lists_video_packets_and_decoded_keyframes_from_debug_ts()
    {
        var log = new FfmpegRunLog();
        log.Consume("Input #0, mpegts, from 'pipe:0':");
        log.Consume("  Stream #0:0[0x100]: Video: h264 (High), yuv420p(progressive), 320x180, 30 fps, 30 tbr, 90k tbn");

        log.Consume("demuxer -> ist_index:0 type:video next_dts:NOPTS next_dts_time:NOPTS next_pts:NOPTS next_pts_time:NOPTS pkt_pts:132000 pkt_pts_time:1.46667 pkt_dts:126000");
        log.Consume("demuxer+ffmpeg -> ist_index:0 type:video pkt_pts:132000 pkt_pts_time:1.46667 pkt_dts:126000 pkt_dts_time:1.4 duration:3000 duration_time:0.0333333 off:0 off_time:0");
        log.Consume("demuxer+ffmpeg -> ist_index:0 type:video pkt_pts:141000 pkt_pts_time:1.56667 pkt_dts:129000 pkt_dts_time:1.43333 duration:3000 duration_time:0.0333333 off:0 off_time:0");
        log.Consume("demuxer+ffmpeg -> ist_index:1 type:audio pkt_pts:130000 pkt_pts_time:1.444 pkt_dts:130000");
        log.Consume("decoder -> ist_index:0 type:video frame_pts:132000 frame_pts_time:1.46667 best_effort_ts:132000 best_effort_ts_time:1.46667 keyframe:1 frame_type:1 time_base:1/90000");

        log.VideoPackets.Should().Equal(132_000, 141_000);
        log.DecodedKeyframes.Should().Be(1);
        log.LastOtherLine.Should().BeNull();
    }
}
