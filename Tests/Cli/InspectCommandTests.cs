using System.Text.Json;
using Glance.Tests.Infrastructure;
using Glance.Tests.Transport;

namespace Glance.Tests.Cli;

public sealed class InspectCommandTests
{
    [Fact]
    public async Task Inspect_playlist_prints_the_parsed_playlist()
    {
        using var folder = new TemporaryDirectory();
        await FfmpegTool.FfmpegAsync(folder.Path, "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25", "-t", "6", "-c:v", "libx264", "-g", "25",
            "-f", "hls", "-hls_time", "2", "-hls_playlist_type", "vod", "-hls_flags", "program_date_time", "p.m3u8");

        var (exit, stdout, _) = await SiloCli.RunAsync("inspect", "playlist", Path.Combine(folder.Path, "p.m3u8"));

        exit.Should().Be(0);
        using var json = JsonDocument.Parse(stdout);
        json.RootElement.GetProperty("kind").GetString().Should().Be("media");
        json.RootElement.GetProperty("endList").GetBoolean().Should().BeTrue();
        var segments = json.RootElement.GetProperty("segments");
        segments.GetArrayLength().Should().Be(3);
        segments[0].GetProperty("programDateTime").GetString().Should().NotBeNull();
    }

    [Fact]
    public async Task Inspect_playlist_prints_the_violations_it_read_past_under_warnings()
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "lenient.m3u8");
        await File.WriteAllTextAsync(path, "\n#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:5.005 s,\na.ts\nb.ts\n");

        var (exit, stdout, _) = await SiloCli.RunAsync("inspect", "playlist", path);

        exit.Should().Be(0);
        using var json = JsonDocument.Parse(stdout);
        json.RootElement.GetProperty("segments").GetArrayLength().Should().Be(2);
        json.RootElement.GetProperty("warnings").EnumerateArray()
            .Select(w => $"{w.GetProperty("code").GetString()}@{w.GetProperty("line").GetInt32()}")
            .Should().Equal("header-not-first-line@2", "extinf-trailing-text@4", "extinf-missing@6");
    }

    [Fact]
    public async Task A_broken_playlist_exits_2_with_one_line_naming_the_line()
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "bad.m3u8");
        await File.WriteAllTextAsync(path, "#EXTM3U\n#EXT-X-TARGETDURATION:abc\n");

        var (exit, stdout, stderr) = await SiloCli.RunAsync("inspect", "playlist", path);

        exit.Should().Be(2);
        stdout.Should().BeEmpty();
        stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("Line 2");
    }

    [Fact]
    public async Task Inspect_segment_prints_frames_at_stream_times_signals_and_transport_health()
    {
        using var folder = new TemporaryDirectory();
        await FfmpegTool.FfmpegAsync(folder.Path, "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-f", "lavfi", "-i", "sine", "-t", "6",
            "-c:v", "libx264", "-g", "25", "-c:a", "aac", "-output_ts_offset", "40", "-f", "mpegts", "s.ts");

        var (exit, stdout, _) = await SiloCli.RunAsync("inspect", "segment", Path.Combine(folder.Path, "s.ts"), "--fps", "1", "--event-start-pts", "1.4");

        exit.Should().Be(0);
        using var json = JsonDocument.Parse(stdout);
        var times = json.RootElement.GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("streamTime").GetDouble()).ToList();
        times.Should().HaveCount(6);
        // ffmpeg's TS muxer starts timestamps at 1.4 s; with that as the event start the segment sits 40 s in.
        times.Should().Equal([40, 41, 42, 43, 44, 45], (a, b) => Math.Abs(a - b) < 0.001);
        json.RootElement.GetProperty("signals").GetProperty("audioPresent").GetBoolean().Should().BeTrue();
        json.RootElement.GetProperty("transport").GetProperty("packets").GetInt64().Should().BeGreaterThan(0);
        json.RootElement.GetProperty("transport").GetProperty("errors").GetProperty("continuity").GetProperty("count").GetInt32().Should().Be(0);
        json.RootElement.GetProperty("cues").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Inspect_media_prints_the_container_and_streams_with_times_in_seconds()
    {
        using var folder = new TemporaryDirectory();
        await FfmpegTool.FfmpegAsync(folder.Path, "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-f", "lavfi", "-i", "sine", "-t", "4",
            "-c:v", "libx264", "-c:a", "aac", "-ac", "2", "-f", "mpegts", "s.ts");

        var (exit, stdout, stderr) = await SiloCli.RunAsync("inspect", "media", Path.Combine(folder.Path, "s.ts"));

        exit.Should().Be(0, stderr);
        using var json = JsonDocument.Parse(stdout);
        json.RootElement.GetProperty("formatName").GetString().Should().Be("mpegts");
        json.RootElement.GetProperty("duration").GetDouble().Should().BeApproximately(4, 0.2);
        var streams = json.RootElement.GetProperty("streams").EnumerateArray().ToList();
        streams.Select(s => s.GetProperty("codec").GetString()).Should().Equal("h264", "aac");
        streams[0].GetProperty("width").GetInt32().Should().Be(320);
        streams[0].GetProperty("framesPerSecond").GetDouble().Should().Be(25);
        streams[1].GetProperty("channels").GetInt32().Should().Be(2);
        streams[1].TryGetProperty("width", out _).Should().BeFalse("fields a stream kind does not have are left out");
    }

    [Theory]
    [InlineData("segment")]
    [InlineData("image")]
    [InlineData("media")]
    public async Task Garbage_input_exits_2_with_a_reason(string target)
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "garbage.bin");
        await File.WriteAllBytesAsync(path, Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray());

        var (exit, _, stderr) = await SiloCli.RunAsync("inspect", target, path);

        exit.Should().Be(2);
        stderr.Should().Contain("garbage.bin");
    }

    [Fact]
    public async Task Inspect_image_finds_the_faces_of_a_real_group_photo_and_times_each_detector()
    {
        var photo = Path.Combine(RepositoryPaths.Root, "node_modules", "@vladmandic", "face-api", "demo", "sample1.jpg");

        var (exit, stdout, stderr) = await SiloCli.RunAsync("inspect", "image", photo, "--detectors", "faces,logos");

        exit.Should().Be(0, stderr);
        using var json = JsonDocument.Parse(stdout);
        json.RootElement.GetProperty("detections").EnumerateArray().Count(d => d.GetProperty("kind").GetString() == "face").Should().BeGreaterThanOrEqualTo(3);
        json.RootElement.GetProperty("timings").TryGetProperty("local.faces", out _).Should().BeTrue();
        json.RootElement.GetProperty("timings").TryGetProperty("local.logos", out _).Should().BeTrue();
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("inspect", "nothing")]
    [InlineData("inspect", "image", "x.jpg", "--detectors", "x-ray")]
    [InlineData("inspect", "segment", "x.ts", "--fps", "0")]
    [InlineData("inspect", "media", "no-such-file.ts")]
    [InlineData("inspect", "media", "a.ts", "b.ts")]
    public async Task Bad_commands_exit_2_with_one_line(params string[] arguments)
    {
        var (exit, _, stderr) = await SiloCli.RunAsync(arguments);

        exit.Should().Be(2);
        stderr.Trim().Split('\n').Should().ContainSingle();
    }
}
