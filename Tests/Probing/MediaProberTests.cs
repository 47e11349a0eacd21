using Glance.Media.Probing;
using Glance.Media.Processes;
using Glance.Tests.Infrastructure;
using Glance.Tests.Transport;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Probing;

/// <summary>ffprobe run through our process wrapper, its answer read through FFMpegCore's model, on media ffmpeg made.</summary>
[Collection(TransportMediaCollection.Name)]
public sealed class MediaProberTests(TransportMediaFixture media)
{
    private static readonly MediaProber Prober = new(Options.Create(new FfmpegOptions()));

    [Fact]
    public async Task A_transport_stream_file_shows_its_container_streams_and_PIDs()
    {
        var probe = await Prober.ProbeFileAsync(media.DefaultTsPath, CancellationToken.None);

        probe.FormatName.Should().Be("mpegts");
        probe.Duration.Should().NotBeNull();
        probe.Duration!.Value.TotalSeconds.Should().BeApproximately(6, 0.2, "the fixture is six seconds of test pattern");
        probe.Streams.Should().HaveCount(2);
        var video = probe.Streams.Single(s => s.Kind == "video");
        video.Should().BeEquivalentTo(new { Codec = "h264", Id = "0x100", Width = 1280, Height = 720, FramesPerSecond = 30.0, PixelFormat = "yuv420p" });
        video.Channels.Should().BeNull();
        var audio = probe.Streams.Single(s => s.Kind == "audio");
        audio.Should().BeEquivalentTo(new { Codec = "aac", Id = "0x101", Channels = 1, ChannelLayout = "mono", SampleRateHz = 44100 });
        audio.Width.Should().BeNull();
    }

    [Fact]
    public async Task A_segment_in_memory_probes_like_the_file_it_came_from()
    {
        var fromMemory = await Prober.ProbeAsync(media.DefaultHlsSegments[1], CancellationToken.None);
        var fromFile = await Prober.ProbeFileAsync(media.DefaultHlsPath(1), CancellationToken.None);

        fromMemory.Should().BeEquivalentTo(fromFile);
        fromMemory.Duration!.Value.TotalSeconds.Should().BeApproximately(2, 0.2);
        fromMemory.StartTime.Should().BeGreaterThan(TimeSpan.FromSeconds(2), "the second segment keeps the stream's own clock");
    }

    [Fact]
    public async Task A_still_image_is_one_video_stream_of_its_size()
    {
        using var folder = new TemporaryDirectory();
        await FfmpegTool.FfmpegAsync(folder.Path, "-f", "lavfi", "-i", "testsrc2=size=548x342", "-frames:v", "1", "photo.jpg");

        var probe = await Prober.ProbeFileAsync(Path.Combine(folder.Path, "photo.jpg"), CancellationToken.None);

        probe.Streams.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = "video", Codec = "mjpeg", Width = 548, Height = 342 });
    }

    [Fact]
    public async Task Bytes_that_are_not_media_fail_with_ffprobe_s_reason()
    {
        var garbage = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray();

        var act = () => Prober.ProbeAsync(garbage, CancellationToken.None);

        (await act.Should().ThrowAsync<MediaProbeException>()).Which.Message.Should().StartWith("not readable as media (");
    }

    [Fact]
    public async Task Nothing_to_probe_is_refused_without_starting_ffprobe()
    {
        var missingTool = new MediaProber(Options.Create(new FfmpegOptions { FfprobePath = "/nonexistent/ffprobe" }));

        var act = () => missingTool.ProbeAsync(ReadOnlyMemory<byte>.Empty, CancellationToken.None);

        await act.Should().ThrowAsync<MediaProbeException>().WithMessage("*empty*");
    }

    [Fact]
    public async Task A_file_path_that_looks_like_a_URL_is_read_as_a_file_and_never_fetched()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}/segment.ts";

        var act = () => Prober.ProbeFileAsync(url, CancellationToken.None);

        await act.Should().ThrowAsync<MediaProbeException>();
        listener.Pending().Should().BeFalse("ffprobe was given a file: path, so it opened no connection");
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"streams\": []}")]
    [InlineData("[1, 2]")]
    public void The_reader_refuses_an_answer_that_is_not_ffprobe_s_JSON(string json)
    {
        var act = () => MediaProbeReader.Read(json);

        act.Should().Throw<MediaProbeException>();
    }

    [Fact]
    public void The_reader_takes_rates_from_fractions_and_leaves_unknown_ones_empty()
    {
        const string json = """
            {"streams": [
              {"index": 0, "codec_type": "video", "codec_name": "h264", "id": "0x100", "width": 1920, "height": 1080,
               "avg_frame_rate": "30000/1001", "r_frame_rate": "30000/1001", "pix_fmt": "yuv420p", "profile": "High"},
              {"index": 1, "codec_type": "data", "codec_name": "scte_35", "id": "0x102", "avg_frame_rate": "0/0", "r_frame_rate": "0/0"}],
             "format": {"format_name": "mpegts", "format_long_name": "MPEG-TS (MPEG-2 Transport Stream)",
                        "start_time": "0:00:01.400000", "duration": "0:00:06.006000", "nb_streams": 2}}
            """;

        var probe = MediaProbeReader.Read(json);

        probe.Duration.Should().Be(TimeSpan.FromSeconds(6.006));
        probe.StartTime.Should().Be(TimeSpan.FromSeconds(1.4));
        probe.Streams[0].FramesPerSecond.Should().Be(29.97);
        probe.Streams[0].Profile.Should().Be("High");
        probe.Streams[1].Should().BeEquivalentTo(new { Kind = "data", Codec = "scte_35", Id = "0x102", FramesPerSecond = (double?)null });
    }
}
