using Glance.Grains.Ingest;
using Glance.Media.Hls;

namespace Glance.Tests.Ingest;

public sealed class RecentPlaylistWarningsTests
{
    private static readonly Uri Media = new("https://cdn.example.com/live/720p/index.m3u8");
    private static readonly Uri Other = new("https://cdn.example.com/live/master.m3u8");
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_violation_seen_on_every_load_is_one_entry_counting_the_loads()
    {
        var recent = new RecentPlaylistWarnings(capacity: 4);
        var text = "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2 s,\na.ts\n#EXTINF:2 s,\nb.ts\n";

        var firstFresh = recent.Note(PlaylistParser.Parse(text, Media), T0);
        var secondFresh = recent.Note(PlaylistParser.Parse(text.Replace("a.ts\n", "a.ts\nx.ts\n"), Media), T0.AddSeconds(2));

        firstFresh.Select(w => w.Code).Should().Equal(PlaylistWarningCodes.ExtinfTrailingText);
        secondFresh.Select(w => w.Code).Should().Equal(PlaylistWarningCodes.ExtinfMissing);
        var snapshot = recent.Snapshot();
        snapshot.Select(w => w.Code).Should().Equal(PlaylistWarningCodes.ExtinfMissing, PlaylistWarningCodes.ExtinfTrailingText);
        var trailing = snapshot.Single(w => w.Code == PlaylistWarningCodes.ExtinfTrailingText);
        trailing.Loads.Should().Be(2, "two warnings of the code in one load count as one load");
        trailing.FirstSeenAt.Should().Be(T0);
        trailing.LastSeenAt.Should().Be(T0.AddSeconds(2));
        trailing.Playlist.Should().Be(Media);
    }

    [Fact]
    public void The_least_recently_seen_goes_when_full_and_playlists_are_told_apart()
    {
        var recent = new RecentPlaylistWarnings(capacity: 2);

        recent.Note(PlaylistParser.Parse("\n#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n", Other), T0);
        recent.Note(PlaylistParser.Parse("\n#EXTM3U\n#EXT-X-TARGETDURATION:2\n", Media), T0.AddSeconds(1));
        recent.Note(PlaylistParser.Parse("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-PLAYLIST-TYPE:LIVE\n", Media), T0.AddSeconds(2));

        recent.Snapshot().Select(w => (w.Code, w.Playlist)).Should().Equal(
            (PlaylistWarningCodes.PlaylistTypeUnknown, Media), (PlaylistWarningCodes.HeaderNotFirstLine, Media));
    }
}
