using Glance.Grains.Interfaces.Ingest;
using Glance.Media.Hls;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Ingest;

/// <summary>
/// A live source whose playlist breaks RFC 8216 the way real servers do is followed like any other, and what it breaks
/// shows in the stream's status (which GET /events/{id} returns as <c>ingest</c>).
/// </summary>
public sealed class PlaylistWarningIngestTests
{
    private const string Header = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:0\n";

    [Fact]
    public async Task A_stream_with_a_lenient_playlist_keeps_being_followed_and_its_violations_show_in_the_status()
    {
        using var folder = new TemporaryDirectory();
        var playlistPath = Path.Combine(folder.Path, "live.m3u8");
        // Text after a duration, then a segment with no EXTINF at all: both refused before, both played by hls.js.
        await File.WriteAllTextAsync(playlistPath, Header + "#EXTINF:1 sec,\na.ts\nb.ts\n");
        await using var origin = await HlsFileServer.StartAsync(folder.Path);
        await using var harness = await IngestHarness.StartAsync();
        var source = origin.Url("live.m3u8");

        await harness.Event("lenient").CreateAsync(IngestHarness.LiveNow(source));
        await Eventually.TrueAsync(() => harness.Handler.Handed.Any(s => s.Uri.AbsolutePath.EndsWith("/b.ts")), "the segment without EXTINF is handed", TimeSpan.FromSeconds(30));
        await File.AppendAllTextAsync(playlistPath, "#EXTINF:1.0s\nc.ts\n");
        await Eventually.TrueAsync(() => harness.Handler.Handed.Any(s => s.Uri.AbsolutePath.EndsWith("/c.ts")), "a segment added later is handed", TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(
            async () => (await harness.Stream("lenient").GetStatusAsync()).RecentWarnings.Any(w => w.Code == PlaylistWarningCodes.ExtinfMissingComma),
            "the newest load's violations reach the status", TimeSpan.FromSeconds(30));

        var status = await harness.Stream("lenient").GetStatusAsync();
        status.Running.Should().BeTrue();
        status.LastError.Should().BeNull();
        status.RecentEvents.Should().NotContain(e => e.Kind == StreamIngestEventKind.PlaylistError || e.Kind == StreamIngestEventKind.Failed);
        status.RecentWarnings.Select(w => w.Code).Should().BeEquivalentTo(
            [PlaylistWarningCodes.ExtinfTrailingText, PlaylistWarningCodes.ExtinfMissing, PlaylistWarningCodes.ExtinfMissingComma],
            "one entry per code, however many loads showed it");
        status.RecentWarnings.Should().OnlyContain(w => w.Playlist == source && w.Message.Contains("RFC 8216 section"));
        var missing = status.RecentWarnings.Single(w => w.Code == PlaylistWarningCodes.ExtinfMissing);
        missing.Line.Should().Be(7);
        missing.Loads.Should().BeGreaterThan(1, "the playlist was loaded again and again with the same violation");
        missing.LastSeenAt.Should().BeOnOrAfter(missing.FirstSeenAt);
        harness.Handler.Handed.Single(s => s.Uri.AbsolutePath.EndsWith("/b.ts")).Duration.Should().Be(1, "the target duration stands in");
    }
}
