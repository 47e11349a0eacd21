using System.Text.Json.Serialization;

namespace Glance.Media.Hls;

/// <summary>
/// Where ingest stands in a live media playlist, small enough to persist after every reload. <see cref="Advance"/> is
/// a pure function from (cursor, playlist) to the segments not yet handed over and the next cursor: persist
/// <see cref="CursorAdvance.Next"/> once those segments are safely handed on, and after a crash the restored cursor
/// hands over exactly the segments after the last one persisted (or reports them as a gap when they are gone).
/// </summary>
/// <remarks>
/// A restart of the stream (new <see cref="Epoch"/>) is recognised when a remembered media sequence number now names a
/// different segment URI or a different program date-time, or when sequence numbers went back and nothing in the
/// playlist matches what was remembered. Sequence numbers that went back while the remembered segments are still
/// there mean a lagging cache served an old playlist: <see cref="CursorAdvance.Stale"/>, nothing handed over. A
/// restart that reuses the same numbers and names and carries no program date-time cannot be told from an unchanged
/// playlist; the segments are then handed over as the numbering moves past the old position.
/// </remarks>
public sealed record SegmentCursor
{
    /// <summary>A cursor that has handed over nothing yet.</summary>
    public static SegmentCursor Initial { get; } = new();

    /// <summary>Incremented each time the stream restarts.</summary>
    public int Epoch { get; init; }

    /// <summary>Media sequence number of the last segment handed over; null before the first.</summary>
    public long? LastSequence { get; init; }

    /// <summary>Discontinuity sequence number of the last segment handed over.</summary>
    public long DiscontinuitySequence { get; init; }

    /// <summary>The last handed-over segment that had a program date-time.</summary>
    public ProgramDateTimeAnchor? ProgramDateTimeAnchor { get; init; }

    /// <summary>The last few handed-over segments, oldest first (see <see cref="SegmentCursorOptions.RememberedSegments"/>).</summary>
    public IReadOnlyList<SeenSegment> Recent { get; init; } = [];

    /// <summary>URI of the last segment handed over.</summary>
    [JsonIgnore]
    public string? LastUri => Recent.Count > 0 ? Recent[^1].Uri : null;

    /// <summary>
    /// The cursor to use after switching to another variant of the same presentation (for example when the chosen one
    /// fails). RFC 8216 section 6.2.4 has variants share media sequence numbers and timestamps but not segment URIs, so
    /// the remembered URIs are dropped rather than read as a restart; position, epoch and program date-time stay.
    /// </summary>
    public SegmentCursor ForVariantSwitch() => this with { Recent = [] };

    public CursorAdvance Advance(MediaPlaylist playlist, SegmentCursorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        options ??= SegmentCursorOptions.Default;
        var segments = playlist.Segments;
        if (segments.Count == 0)
        {
            return new CursorAdvance { Segments = [], Next = this };
        }

        if (LastSequence is not { } last)
        {
            var start = StartIndex(playlist, options.Start, options);
            return Hand(playlist, start, gap: null, restart: null, skippedAtStart: start, options);
        }

        if (RestartReason(playlist, last, options) is { } reason)
        {
            var epoch = unchecked(Epoch + 1);
            var start = StartIndex(playlist, options.StartAfterRestart, options);
            var fresh = new SegmentCursor { Epoch = epoch };
            return fresh.Hand(playlist, start, gap: null, new CursorRestart(Epoch, epoch, reason), skippedAtStart: start, options);
        }

        var first = segments[0].MediaSequence;
        var newest = segments[^1].MediaSequence;
        if (newest <= last)
        {
            return new CursorAdvance { Segments = [], Stale = newest < last, Next = this };
        }

        var wanted = last + 1;
        return first > wanted
            ? Hand(playlist, 0, new SegmentGap(wanted, first - 1), restart: null, skippedAtStart: 0, options)
            : Hand(playlist, (int)(wanted - first), gap: null, restart: null, skippedAtStart: 0, options);
    }

    private CursorAdvance Hand(
        MediaPlaylist playlist, int startIndex, SegmentGap? gap, CursorRestart? restart, int skippedAtStart, SegmentCursorOptions options)
    {
        var segments = playlist.Segments;
        var handed = new HandedSegment[segments.Count - startIndex];
        List<long>? discontinuities = null;
        long? previousDiscontinuitySequence = LastSequence is null ? null : DiscontinuitySequence;
        var anchor = ProgramDateTimeAnchor;
        for (var i = startIndex; i < segments.Count; i++)
        {
            var segment = segments[i];
            var startsDiscontinuity = segment.Discontinuity ||
                (previousDiscontinuitySequence is { } previous && previous != segment.DiscontinuitySequence);
            if (startsDiscontinuity)
            {
                (discontinuities ??= []).Add(segment.MediaSequence);
            }

            handed[i - startIndex] = new HandedSegment(segment, Epoch, startsDiscontinuity);
            previousDiscontinuitySequence = segment.DiscontinuitySequence;
            if (segment.ProgramDateTime is { } time)
            {
                anchor = new ProgramDateTimeAnchor(segment.MediaSequence, time);
            }
        }

        var lastHanded = segments[^1];
        return new CursorAdvance
        {
            Segments = handed,
            Gap = gap,
            Restart = restart,
            Discontinuities = discontinuities is null ? [] : discontinuities.ToArray(),
            SkippedAtStart = skippedAtStart,
            Next = this with
            {
                LastSequence = lastHanded.MediaSequence,
                DiscontinuitySequence = lastHanded.DiscontinuitySequence,
                ProgramDateTimeAnchor = anchor,
                Recent = Remember(segments, startIndex, Math.Max(options.RememberedSegments, 1)),
            },
        };
    }

    /// <summary>The remembered segments after handing over segments[startIndex..]: the newest ones, oldest first.</summary>
    private SeenSegment[] Remember(IReadOnlyList<MediaSegment> segments, int startIndex, int capacity)
    {
        var fresh = segments.Count - startIndex;
        var keptOld = Math.Max(0, Math.Min(Recent.Count, capacity - fresh));
        var result = new SeenSegment[keptOld + Math.Min(fresh, capacity)];
        var next = 0;
        for (var i = Recent.Count - keptOld; i < Recent.Count; i++)
        {
            result[next++] = Recent[i];
        }

        for (var i = segments.Count - (result.Length - keptOld); i < segments.Count; i++)
        {
            result[next++] = new SeenSegment(segments[i].MediaSequence, segments[i].Uri.AbsoluteUri);
        }

        return result;
    }

    /// <summary>Why the playlist cannot be the continuation of what this cursor saw, or null when it can.</summary>
    private string? RestartReason(MediaPlaylist playlist, long last, SegmentCursorOptions options)
    {
        var segments = playlist.Segments;
        var first = segments[0].MediaSequence;
        var matched = 0;
        foreach (var seen in Recent)
        {
            var index = seen.Sequence - first;
            if (index < 0 || index >= segments.Count)
            {
                continue;
            }

            var now = segments[(int)index].Uri.AbsoluteUri;
            if (!SameSegment(seen.Uri, now, options.Identity))
            {
                return $"media sequence {seen.Sequence} named {seen.Uri} and now names {now}";
            }

            matched++;
        }

        if (ProgramDateTimeAnchor is { } anchor)
        {
            var index = anchor.Sequence - first;
            if (index >= 0 && index < segments.Count && segments[(int)index].ProgramDateTime is { } time)
            {
                var tolerance = options.ProgramDateTimeTolerance ??
                    TimeSpan.FromSeconds(Math.Max(1, playlist.TargetDuration));
                if ((time - anchor.ProgramDateTime).Duration() > tolerance)
                {
                    return $"media sequence {anchor.Sequence} moved in time from {anchor.ProgramDateTime:O} to {time:O}";
                }
            }
        }

        var newest = segments[^1].MediaSequence;
        if (newest < last && matched == 0)
        {
            return $"media sequence went back from {last} to {newest}";
        }

        return null;
    }

    private static bool SameSegment(string remembered, string current, SegmentIdentity identity) =>
        identity == SegmentIdentity.FullUri
            ? string.Equals(remembered, current, StringComparison.Ordinal)
            : PathOf(remembered).SequenceEqual(PathOf(current));

    /// <summary>The path of an absolute URI string: after the authority, before any query or fragment.</summary>
    private static ReadOnlySpan<char> PathOf(string absoluteUri)
    {
        var span = absoluteUri.AsSpan();
        var scheme = span.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            span = span[(scheme + 3)..];
            var slash = span.IndexOf('/');
            span = slash < 0 ? default : span[slash..];
        }

        var end = span.IndexOfAny('?', '#');
        return end < 0 ? span : span[..end];
    }

    private static int StartIndex(MediaPlaylist playlist, CursorStartPosition position, SegmentCursorOptions options)
    {
        if (position == CursorStartPosition.FirstInWindow)
        {
            return 0;
        }

        var holdBack = options.UseServerHoldBack && playlist.ServerControl?.HoldBack is { } serverHoldBack
            ? serverHoldBack
            : options.LiveEdgeTargetDurations * playlist.TargetDuration;
        var fromEnd = 0.0;
        for (var i = playlist.Segments.Count - 1; i >= 0; i--)
        {
            fromEnd += playlist.Segments[i].Duration;
            if (fromEnd >= holdBack)
            {
                return i;
            }
        }

        return 0;
    }
}
