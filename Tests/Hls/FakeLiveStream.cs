using System.Globalization;
using System.Text;
using Glance.Media.Hls;

namespace Glance.Tests.Hls;

/// <summary>
/// Writes the media playlist a correct live server would serve for a window of an endless stream: segment n is named
/// "{Prefix}{n}.ts", starts at <see cref="Start"/> + n * <see cref="Duration"/>, and discontinuity tags that have
/// scrolled out of the window are counted in EXT-X-DISCONTINUITY-SEQUENCE.
/// </summary>
internal sealed record FakeLiveStream
{
    public string Prefix { get; init; } = "seg";

    public double Duration { get; init; } = 2;

    public int TargetDuration { get; init; } = 2;

    public DateTimeOffset? Start { get; init; } = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);

    public IReadOnlySet<long> DiscontinuitiesAt { get; init; } = new HashSet<long>();

    /// <summary>A query token that differs per window, as signed CDN URLs do.</summary>
    public string? Token { get; init; }

    public string ExtraHeader { get; init; } = string.Empty;

    public string Text(long first, int count, bool endList = false)
    {
        var text = new StringBuilder();
        text.Append("#EXTM3U\n#EXT-X-VERSION:3\n");
        text.Append(CultureInfo.InvariantCulture, $"#EXT-X-TARGETDURATION:{TargetDuration}\n");
        text.Append(CultureInfo.InvariantCulture, $"#EXT-X-MEDIA-SEQUENCE:{first}\n");
        text.Append(CultureInfo.InvariantCulture, $"#EXT-X-DISCONTINUITY-SEQUENCE:{DiscontinuitiesAt.Count(d => d < first)}\n");
        text.Append(ExtraHeader);
        for (var n = first; n < first + count; n++)
        {
            if (DiscontinuitiesAt.Contains(n))
            {
                text.Append("#EXT-X-DISCONTINUITY\n");
            }

            if (Start is { } start && (n == first || DiscontinuitiesAt.Contains(n)))
            {
                text.Append(CultureInfo.InvariantCulture, $"#EXT-X-PROGRAM-DATE-TIME:{start.AddSeconds(n * Duration):yyyy-MM-ddTHH:mm:ss.fffzzz}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"#EXTINF:{Duration:0.000},\n{Prefix}{n}.ts{(Token is null ? string.Empty : "?token=" + Token)}\n");
        }

        if (endList)
        {
            text.Append("#EXT-X-ENDLIST\n");
        }

        return text.ToString();
    }

    public MediaPlaylist Window(long first, int count, bool endList = false) =>
        PlaylistParser.ParseMedia(Text(first, count, endList), HlsTestPlaylists.Base);
}
