using System.Text.Json;
using System.Text.RegularExpressions;
using Glance.Media.Hls;

namespace Glance.Tests.Hls;

/// <summary>Playlists written by ffmpeg's HLS muxer, parsed and checked against the files it wrote.</summary>
public sealed partial class FfmpegPlaylistTests(FfmpegHlsFixture ffmpeg) : IClassFixture<FfmpegHlsFixture>
{
    [Fact]
    public void Mpeg_ts_playlist_has_every_segment_with_carried_dates()
    {
        var playlist = Parse(ffmpeg.TsPlaylist);

        playlist.Version.Should().Be(6);
        playlist.TargetDuration.Should().Be(2);
        playlist.EndList.Should().BeTrue();
        playlist.PlaylistType.Should().Be(PlaylistType.Vod);
        playlist.IndependentSegments.Should().BeTrue();
        playlist.Segments.Should().HaveCount(4);
        playlist.TotalDuration.Should().BeApproximately(8.0, 0.05);
        playlist.Segments[0].Discontinuity.Should().BeTrue("discont_start marks the first segment");
        playlist.Segments.Select(s => s.MediaSequence).Should().Equal(0, 1, 2, 3);
        playlist.Segments.Should().OnlyContain(s => s.Map == null && s.ProgramDateTime != null && s.Uri.IsFile && File.Exists(s.Uri.LocalPath));
        for (var i = 1; i < playlist.Segments.Count; i++)
        {
            var step = playlist.Segments[i].ProgramDateTime!.Value - playlist.Segments[i - 1].ProgramDateTime!.Value;
            step.TotalSeconds.Should().BeApproximately(playlist.Segments[i - 1].Duration, 0.002);
        }
    }

    [Fact]
    public void Fmp4_playlist_has_its_initialization_section_on_every_segment()
    {
        var playlist = Parse(ffmpeg.Fmp4Playlist);

        playlist.Version.Should().Be(7);
        playlist.Segments.Should().HaveCount(4);
        playlist.TotalDuration.Should().BeApproximately(8.0, 0.05);
        playlist.Segments.Should().OnlyContain(s => s.Map != null && s.Map.Uri == playlist.Segments[0].Map!.Uri);
        File.Exists(playlist.Segments[0].Map!.Uri.LocalPath).Should().BeTrue();
        Path.GetExtension(playlist.Segments[0].Uri.LocalPath).Should().Be(".m4s");
    }

    [Fact]
    public void Program_date_time_carried_forward_matches_what_ffmpeg_wrote()
    {
        var text = File.ReadAllText(ffmpeg.TsPlaylist);
        var original = Parse(ffmpeg.TsPlaylist);
        var firstOnly = OnlyFirstProgramDateTime(text);
        firstOnly.Should().NotBe(text);

        var carried = (MediaPlaylist)PlaylistParser.Parse(firstOnly, new Uri(ffmpeg.TsPlaylist));

        carried.Segments.Select(s => s.ProgramDateTimeTagged).Should().Equal(true, false, false, false);
        for (var i = 0; i < original.Segments.Count; i++)
        {
            (carried.Segments[i].ProgramDateTime!.Value - original.Segments[i].ProgramDateTime!.Value).Duration()
                .Should().BeLessThan(TimeSpan.FromMilliseconds(1.5), "ffmpeg writes milliseconds and 6-digit durations");
        }
    }

    [Fact]
    public void Single_file_byte_ranges_tile_the_file_and_implicit_offsets_agree()
    {
        var text = File.ReadAllText(ffmpeg.SingleFilePlaylist);
        var playlist = Parse(ffmpeg.SingleFilePlaylist);
        var implicitOffsets = (MediaPlaylist)PlaylistParser.Parse(
            ExplicitOffsetAfterFirst().Replace(text, "$1"), new Uri(ffmpeg.SingleFilePlaylist));

        var ranges = playlist.Segments.Select(s => s.ByteRange!.Value).ToList();
        ranges[0].Offset.Should().Be(0);
        ranges.Zip(ranges.Skip(1)).Should().OnlyContain(pair => pair.First.End == pair.Second.Offset);
        ranges[^1].End.Should().Be(new FileInfo(playlist.Segments[0].Uri.LocalPath).Length);
        implicitOffsets.Segments.Select(s => s.ByteRange).Should().Equal(playlist.Segments.Select(s => s.ByteRange));
        text.Should().Contain("@", "the original has explicit offsets");
    }

    [Fact]
    public void Master_playlist_lists_both_variants_and_the_selector_takes_the_taller()
    {
        var master = PlaylistParser.ParseMaster(File.ReadAllText(ffmpeg.MasterPlaylist), new Uri(ffmpeg.MasterPlaylist));

        master.Variants.Should().HaveCount(2);
        master.Variants.Select(v => v.Resolution).Should().BeEquivalentTo(new[] { new Resolution(320, 240), new Resolution(160, 120) });
        master.Variants.Should().OnlyContain(v => v.Bandwidth > 0 && v.Codecs != null && File.Exists(v.Uri.LocalPath));
        VariantSelector.Select(master)!.Resolution.Should().Be(new Resolution(320, 240));
        VariantSelector.Select(master, new VariantSelectorOptions { MaxHeight = 200 })!.Resolution.Should().Be(new Resolution(160, 120));

        var variant = Parse(VariantSelector.Select(master)!.Uri.LocalPath);
        variant.Segments.Should().HaveCount(4);
    }

    [Fact]
    public void Inspect_json_of_an_ffmpeg_playlist_is_well_formed_and_complete()
    {
        using var json = JsonDocument.Parse(PlaylistJson.Serialize(Parse(ffmpeg.Fmp4Playlist)));
        var root = json.RootElement;

        root.GetProperty("kind").GetString().Should().Be("media");
        root.GetProperty("targetDuration").GetInt32().Should().Be(2);
        root.GetProperty("endList").GetBoolean().Should().BeTrue();
        root.GetProperty("playlistType").GetString().Should().Be("VOD");
        var segments = root.GetProperty("segments").EnumerateArray().ToList();
        segments.Should().HaveCount(4);
        segments.Sum(s => s.GetProperty("duration").GetDouble()).Should().BeApproximately(8.0, 0.05);
        segments.Should().OnlyContain(s => s.GetProperty("map").GetProperty("uri").GetString()!.EndsWith("/init.mp4"));
        segments.Should().OnlyContain(s => DateTimeOffset.Parse(s.GetProperty("programDateTime").GetString()!, null, System.Globalization.DateTimeStyles.None) != default);
        segments[0].GetProperty("programDateTime").GetString().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$");
        segments[0].TryGetProperty("byteRange", out _).Should().BeFalse("absent values are left out");
        segments[0].TryGetProperty("key", out _).Should().BeFalse();
    }

    private static MediaPlaylist Parse(string path) => PlaylistParser.ParseMedia(File.ReadAllText(path), new Uri(path));

    private static string OnlyFirstProgramDateTime(string text)
    {
        var seen = false;
        return string.Join('\n', text.Split('\n').Where(line =>
        {
            if (!line.StartsWith("#EXT-X-PROGRAM-DATE-TIME", StringComparison.Ordinal))
            {
                return true;
            }

            var keep = !seen;
            seen = true;
            return keep;
        }));
    }

    /// <summary>"#EXT-X-BYTERANGE:n@o" on any segment but the first (o = 0): keep n only.</summary>
    [GeneratedRegex(@"(#EXT-X-BYTERANGE:\d+)@(?!0\b)\d+")]
    private static partial Regex ExplicitOffsetAfterFirst();
}
