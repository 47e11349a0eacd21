using System.Globalization;
using System.Text;
using Glance.Demo.Channel;
using Glance.Media.Hls;
using Glance.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Glance.Tests.Demo;

/// <summary>Publishing from ffmpeg's staging folder to the output folder, with files written by the test in ffmpeg's place.</summary>
public sealed class SegmentPublisherTests : IDisposable
{
    private static readonly SyntheticChannelOptions Options = new() { ListSize = 3 };

    private readonly TemporaryDirectory folder = new();
    private readonly List<long> rewritten = [];
    private readonly SegmentPublisher publisher;

    public SegmentPublisherTests()
    {
        publisher = new SegmentPublisher(Staging, folder.Path, Options, Rewrite, NullLogger.Instance);
        publisher.Reset(continuePlaylist: false);
    }

    private string Staging => Path.Combine(folder.Path, ".staging");

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_segment_is_published_rewritten_before_the_playlist_that_lists_it_and_leaves_the_staging_folder()
    {
        Stage(0, 1);
        File.WriteAllText(Path.Combine(Staging, "segment2.ts"), "not listed yet");

        var playlist = publisher.Publish();

        playlist!.Segments.Select(s => s.MediaSequence).Should().Equal(0, 1);
        File.ReadAllText(Output("segment0.ts")).Should().Be("rewritten segment0");
        File.ReadAllText(Output("live.m3u8")).Should().Be(File.ReadAllText(Path.Combine(Staging, "live.m3u8")), "the playlist is ffmpeg's text");
        File.Exists(Path.Combine(Staging, "segment0.ts")).Should().BeFalse();
        File.Exists(Output("segment2.ts")).Should().BeFalse("a segment is published once it is listed");
        Directory.EnumerateFiles(folder.Path, "*.tmp").Should().BeEmpty();

        publisher.Publish().Should().BeSameAs(playlist, "an unchanged playlist publishes nothing");
        rewritten.Should().Equal(0, 1);
    }

    [Fact]
    public void Segments_are_deleted_once_out_of_the_playlist_for_a_playlists_length()
    {
        for (var last = 2; last <= 8; last++)
        {
            Stage(Math.Max(0, last - 2), last);
            publisher.Publish();
        }

        Directory.EnumerateFiles(folder.Path, "segment*.ts").Select(f => Path.GetFileName(f)).Should().BeEquivalentTo(
            ["segment3.ts", "segment4.ts", "segment5.ts", "segment6.ts", "segment7.ts", "segment8.ts"], "6-8 are listed, 3-5 kept a while for late readers");
    }

    [Fact]
    public void A_reset_for_a_continued_run_leaves_ffmpeg_the_published_playlist_to_append_to_and_nothing_else()
    {
        Stage(0, 1);
        publisher.Publish();
        File.WriteAllText(Path.Combine(Staging, "segment2.ts.tmp"), "cut short");

        publisher.Reset(continuePlaylist: true);

        Directory.EnumerateFiles(Staging).Select(f => Path.GetFileName(f)).Should().Equal("live.m3u8");
        File.ReadAllText(Path.Combine(Staging, "live.m3u8")).Should().Be(File.ReadAllText(Output("live.m3u8")));
        publisher.Reset(continuePlaylist: false);
        Directory.EnumerateFiles(Staging).Should().BeEmpty();
    }

    private string Output(string name) => Path.Combine(folder.Path, name);

    /// <summary>Writes segments first..last and a playlist listing them, as ffmpeg does (segments before the playlist).</summary>
    private void Stage(long first, long last)
    {
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n");
        text.Append(CultureInfo.InvariantCulture, $"#EXT-X-MEDIA-SEQUENCE:{first}\n");
        for (var sequence = first; sequence <= last; sequence++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"segment{sequence}.ts");
            if (!File.Exists(Output(name)))
            {
                File.WriteAllText(Path.Combine(Staging, name), Path.GetFileNameWithoutExtension(name));
            }

            text.Append(CultureInfo.InvariantCulture, $"#EXTINF:2.000000,\n{name}\n");
        }

        File.WriteAllText(Path.Combine(Staging, "live.m3u8"), text.ToString());
    }

    private byte[] Rewrite(MediaPlaylist playlist, MediaSegment segment, byte[] bytes)
    {
        File.Exists(Output(Path.GetFileName(segment.Uri.LocalPath))).Should().BeFalse("published once");
        rewritten.Add(segment.MediaSequence);
        return Encoding.ASCII.GetBytes("rewritten " + Encoding.ASCII.GetString(bytes));
    }
}
