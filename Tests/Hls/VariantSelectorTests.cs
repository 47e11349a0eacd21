using Glance.Media.Hls;
using static Glance.Tests.Hls.HlsTestPlaylists;

namespace Glance.Tests.Hls;

public sealed class VariantSelectorTests
{
    private static MasterPlaylist Ladder(params string[] streamInfs) =>
        MasterOf("#EXTM3U\n" + string.Concat(streamInfs.Select((inf, i) => $"#EXT-X-STREAM-INF:{inf}\nv{i}.m3u8\n")));

    private static string Pick(MasterPlaylist master, VariantSelectorOptions? options = null) =>
        Path.GetFileName(VariantSelector.Select(master, options)!.Uri.AbsolutePath);

    [Fact]
    public void Takes_the_tallest_variant_at_or_under_720_lines()
    {
        var master = Ladder(
            "BANDWIDTH=800000,RESOLUTION=640x360",
            "BANDWIDTH=6000000,RESOLUTION=1920x1080",
            "BANDWIDTH=3000000,RESOLUTION=1280x720",
            "BANDWIDTH=1400000,RESOLUTION=854x480");

        Pick(master).Should().Be("v2.m3u8");
        Pick(master, new VariantSelectorOptions { MaxHeight = 480 }).Should().Be("v3.m3u8");
        Pick(master, new VariantSelectorOptions { MaxHeight = 2160 }).Should().Be("v1.m3u8");
        VariantSelector.Rank(master).Select(v => v.Resolution!.Value.Height).Should().Equal(720, 480, 360, 1080);
    }

    [Fact]
    public void Falls_back_to_the_shortest_variant_above_the_limit()
    {
        var master = Ladder("BANDWIDTH=16000000,RESOLUTION=3840x2160", "BANDWIDTH=6000000,RESOLUTION=1920x1080", "BANDWIDTH=9000000,RESOLUTION=2560x1440");

        Pick(master).Should().Be("v1.m3u8");
    }

    [Fact]
    public void Equal_heights_go_to_the_highest_bandwidth_or_the_one_nearest_the_preference()
    {
        var master = Ladder("BANDWIDTH=2000000,RESOLUTION=1280x720", "BANDWIDTH=4500000,RESOLUTION=1280x720,FRAME-RATE=60", "BANDWIDTH=3000000,RESOLUTION=1280x720");

        Pick(master).Should().Be("v1.m3u8");
        Pick(master, new VariantSelectorOptions { PreferredBandwidth = 2_800_000 }).Should().Be("v2.m3u8");
        Pick(master, new VariantSelectorOptions { PreferredBandwidth = 100_000 }).Should().Be("v0.m3u8");
    }

    [Fact]
    public void Variants_without_resolution_rank_by_bandwidth_and_after_those_with_it()
    {
        var unknown = Ladder("BANDWIDTH=500000", "BANDWIDTH=2500000", "BANDWIDTH=1200000");
        var mixed = Ladder("BANDWIDTH=9000000", "BANDWIDTH=700000,RESOLUTION=640x360");

        Pick(unknown).Should().Be("v1.m3u8");
        Pick(unknown, new VariantSelectorOptions { PreferredBandwidth = 1_000_000 }).Should().Be("v2.m3u8");
        Pick(mixed).Should().Be("v1.m3u8");
    }

    [Fact]
    public void Audio_only_variants_come_last_and_a_bandwidth_cap_is_a_last_resort()
    {
        var master = Ladder("BANDWIDTH=64000,CODECS=\"mp4a.40.2\"", "BANDWIDTH=5000000,RESOLUTION=1280x720,CODECS=\"avc1.64001f,mp4a.40.2\"", "BANDWIDTH=900000,RESOLUTION=640x360");

        Pick(master).Should().Be("v1.m3u8");
        Pick(master, new VariantSelectorOptions { MaxBandwidth = 1_000_000 }).Should().Be("v2.m3u8");
        Pick(master, new VariantSelectorOptions { MaxBandwidth = 10_000 }).Should().Be("v0.m3u8", "when everything is over the cap the cheapest wins");
        VariantSelector.Rank(master).Select(v => v.Bandwidth).Should().Equal(5_000_000, 900_000, 64_000);
    }

    [Fact]
    public void A_master_without_variants_selects_nothing()
    {
        var master = MasterOf("#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",NAME=\"en\",URI=\"en.m3u8\"\n");

        VariantSelector.Select(master).Should().BeNull();
    }
}
