using Glance.Media.Fetching;
using Glance.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Fetching;

/// <summary>A source the process produces itself is read from its folder: no resolution, no socket, nothing else served.</summary>
public sealed class InProcessSourceTests
{
    private static readonly Uri Prefix = new("http://channel.test.invalid/");

    [Fact]
    public async Task Its_playlist_and_segments_are_read_from_the_folder_without_resolving_or_connecting()
    {
        using var folder = new TemporaryDirectory();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "live.m3u8"), "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nlive0.ts\n");
        await File.WriteAllBytesAsync(Path.Combine(folder.Path, "live0.ts"), [0x47, 1, 2, 3]);
        await using var recorder = new ConnectionRecorder();
        // Were the name ever looked up, it would lead to the recorder, and loopback is allow-listed for the occasion.
        var resolver = new StaticHostResolver().Add(Prefix.Host, "127.0.0.1");
        using var fetcher = Fetcher(folder.Path, resolver, $"127.0.0.1/32");

        var playlist = await fetcher.FetchPlaylistAsync(new Uri(Prefix, "live.m3u8"), CancellationToken.None);
        var segment = await fetcher.FetchSegmentAsync(new Uri(Prefix, "live0.ts"), new FetchRange(1, 2), CancellationToken.None);

        playlist.Text.Should().Contain("live0.ts");
        segment.Bytes.Should().Equal(1, 2);
        resolver.CallsFor(Prefix.Host).Should().Be(0);
        recorder.Connections.Should().Be(0);
    }

    [Theory]
    [InlineData("secret.db")]
    [InlineData("live.m3u8?x=1")]
    [InlineData("sub/live.m3u8")]
    [InlineData("%2e%2e%2fsecret.ts")]
    [InlineData(".hidden.ts")]
    public async Task Nothing_but_its_own_playlists_and_segments_is_served(string name)
    {
        using var folder = new TemporaryDirectory();
        var guard = new SsrfGuard(Options.Create(new SourceAccessOptions()), new StaticHostResolver(), [new InProcessSource(Prefix, () => folder.Path, ".m3u8", ".ts")]);

        var act = () => guard.ValidateSourceAsync(new Uri(Prefix + name), CancellationToken.None);

        await act.Should().ThrowAsync<SourceAccessDeniedException>();
    }

    [Fact]
    public async Task Without_the_source_registered_its_url_is_an_ordinary_host_that_does_not_resolve()
    {
        using var folder = new TemporaryDirectory();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "live.m3u8"), "#EXTM3U\n");
        var guard = new SsrfGuard(Options.Create(new SourceAccessOptions()), new StaticHostResolver());

        var act = () => guard.ValidateSourceAsync(new Uri(Prefix, "live.m3u8"), CancellationToken.None);

        (await act.Should().ThrowAsync<SourceAccessDeniedException>()).Which.Reason.Should().Be(SourceAccessDeniedReason.UnresolvableHost);
    }

    private static SourceFetcher Fetcher(string folder, IHostResolver resolver, params string[] allowed)
    {
        var options = Options.Create(SourceFetcherTests.FastOptions(o => o.AllowedNetworks = [.. allowed]));
        return new SourceFetcher(new SsrfGuard(options, resolver, [new InProcessSource(Prefix, () => folder, ".m3u8", ".ts")]));
    }
}
