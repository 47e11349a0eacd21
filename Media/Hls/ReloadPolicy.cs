namespace Glance.Media.Hls;

/// <summary>
/// When to load a live media playlist again, per RFC 8216 section 6.3.4. Pure: every time is passed in.
/// </summary>
public static class ReloadPolicy
{
    /// <summary>
    /// The time of the next load, or null when the playlist has ended (EXT-X-ENDLIST) and must not be reloaded.
    /// After a first load, or one that found the playlist changed, the client waits one target duration; after one that
    /// found it unchanged, half a target duration. Both are measured from when the previous load started, and a time
    /// already past gives <paramref name="now"/>.
    /// </summary>
    public static DateTimeOffset? NextLoad(
        DateTimeOffset previousLoadStart,
        bool changed,
        TimeSpan targetDuration,
        DateTimeOffset now,
        bool endList = false,
        ReloadPolicyOptions? options = null)
    {
        if (endList)
        {
            return null;
        }

        options ??= ReloadPolicyOptions.Default;
        var wait = changed ? targetDuration : targetDuration / 2;
        if (wait < options.MinimumInterval)
        {
            wait = options.MinimumInterval;
        }

        var due = previousLoadStart.UtcTicks <= DateTimeOffset.MaxValue.UtcTicks - wait.Ticks ? previousLoadStart + wait : DateTimeOffset.MaxValue;
        return due > now ? due : now;
    }

    /// <summary><see cref="NextLoad(DateTimeOffset, bool, TimeSpan, DateTimeOffset, bool, ReloadPolicyOptions?)"/> for a parsed playlist.</summary>
    public static DateTimeOffset? NextLoad(
        MediaPlaylist playlist, DateTimeOffset previousLoadStart, bool changed, DateTimeOffset now, ReloadPolicyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        return NextLoad(previousLoadStart, changed, TimeSpan.FromSeconds(playlist.TargetDuration), now, playlist.EndList, options);
    }

    /// <summary>
    /// Whether a reload brought something new: another segment, a moved window, a new date range or the end of the
    /// list. (Comparing the raw bodies is as good; this works on parsed playlists.)
    /// </summary>
    public static bool HasChanged(MediaPlaylist? previous, MediaPlaylist current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (previous is null)
        {
            return true;
        }

        return previous.MediaSequence != current.MediaSequence ||
               previous.Segments.Count != current.Segments.Count ||
               previous.EndList != current.EndList ||
               previous.DateRanges.Count != current.DateRanges.Count ||
               (current.Segments.Count > 0 && previous.Segments[^1].Uri != current.Segments[^1].Uri);
    }

    /// <summary>True when the playlist has not changed for longer than the stall threshold.</summary>
    public static bool IsStalled(DateTimeOffset lastChange, TimeSpan targetDuration, DateTimeOffset now, ReloadPolicyOptions? options = null)
    {
        options ??= ReloadPolicyOptions.Default;
        var threshold = TimeSpan.FromTicks((long)Math.Min(targetDuration.Ticks * options.StallTargetDurations, TimeSpan.MaxValue.Ticks / 2.0));
        return now - lastChange > Max(threshold, options.MinimumInterval);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
