namespace Glance.Media.Hls;

/// <summary>
/// Puts date-range cues on segments: on the segment whose program date-time span holds the cue's instant, or, when
/// the playlist has no program date-times, on the segment that followed the tag.
/// </summary>
internal static class DateRangeCuePlacement
{
    // Carried-forward program date-times are rounded to ticks; an instant this close to a boundary belongs to the later segment.
    private static readonly long BoundaryToleranceTicks = TimeSpan.FromMilliseconds(1).Ticks;

    public static void Place(MediaSegment[] segments, List<DateRangeCue> cues, int maxCuesPerSegment)
    {
        var timed = TimedSpans(segments);
        Dictionary<int, List<Cue>>? additions = null;
        foreach (var pending in cues)
        {
            int target;
            if (timed.Length > 0)
            {
                if (pending.At is not { } at || (target = Find(timed, at.UtcTicks)) < 0)
                {
                    // The instant is outside this window; a later reload will hold the segment that covers it.
                    continue;
                }
            }
            else if (pending.FollowingSegment < segments.Length)
            {
                target = pending.FollowingSegment;
            }
            else
            {
                continue;
            }

            additions ??= [];
            if (!additions.TryGetValue(target, out var list))
            {
                additions[target] = list = [];
            }

            if (segments[target].Cues.Count + list.Count >= maxCuesPerSegment)
            {
                throw new PlaylistParseException($"more than {maxCuesPerSegment} cues on one segment", pending.Line);
            }

            list.Add(pending.Cue);
        }

        if (additions is null)
        {
            return;
        }

        foreach (var (index, added) in additions)
        {
            var segment = segments[index];
            segments[index] = segment with { Cues = [.. segment.Cues, .. added] };
        }
    }

    private static TimedSpan[] TimedSpans(MediaSegment[] segments)
    {
        var count = 0;
        foreach (var segment in segments)
        {
            if (segment.ProgramDateTime is not null)
            {
                count++;
            }
        }

        if (count == 0)
        {
            return [];
        }

        var spans = new TimedSpan[count];
        var i = 0;
        for (var index = 0; index < segments.Length; index++)
        {
            if (segments[index].ProgramDateTime is { } start)
            {
                var length = (long)Math.Min(segments[index].Duration * TimeSpan.TicksPerSecond, long.MaxValue / 4);
                spans[i++] = new TimedSpan(start.UtcTicks, start.UtcTicks + length, index);
            }
        }

        // By start, then by position, so the search is deterministic when a clock jump makes spans overlap.
        Array.Sort(spans, static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Index.CompareTo(b.Index));
        return spans;
    }

    /// <summary>Index of the segment whose span holds the instant, or -1.</summary>
    private static int Find(TimedSpan[] spans, long ticks)
    {
        var probe = ticks + BoundaryToleranceTicks;
        int low = 0, high = spans.Length - 1, found = -1;
        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            if (spans[mid].Start <= probe)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return found >= 0 && ticks < spans[found].End ? spans[found].Index : -1;
    }

    private readonly record struct TimedSpan(long Start, long End, int Index);
}
