using Glance.Media.Scte35;

namespace Glance.Demo.Channel;

/// <summary>
/// The splice_insert commands a segment of the channel carries for the programme's ad break: an out of network cue for
/// every break start within the segment (break duration = the window's length, returning on its own), and a return cue
/// for every break end. Pure: the segment's place on the programme and its first PTS are given.
/// </summary>
public static class BreakCues
{
    private const long PtsMask = (1L << 33) - 1;

    /// <summary>unique_program_id of the channel's one programme; a single avail per break.</summary>
    private const int ProgramId = 1;

    /// <param name="programme">The script; its <see cref="DemoProgramme.Break"/> is signalled.</param>
    /// <param name="start">The segment's program date-time (names the break: its splice_event_id is its cycle's number).</param>
    /// <param name="phase">The programme phase at the segment's first frame.</param>
    /// <param name="duration">The segment's duration; an edge at exactly its end belongs to the next segment.</param>
    /// <param name="firstPts">The PTS (90 kHz) of the segment's first frame; splice times are counted from it.</param>
    public static IReadOnlyList<SpliceInsert> Within(DemoProgramme programme, DateTimeOffset start, TimeSpan phase, TimeSpan duration, long firstPts)
    {
        ArgumentNullException.ThrowIfNull(programme);
        var window = programme.Break;
        var cues = new List<(TimeSpan Offset, SpliceInsert Cue)>();
        foreach (var (edge, isOut) in new[] { (window.Start, true), (window.End, false) })
        {
            for (var offset = Modulo(edge - phase, programme.Cycle); offset < duration; offset += programme.Cycle)
            {
                var breakStart = start + offset - (isOut ? TimeSpan.Zero : window.Length);
                var time = (firstPts + Ticks90kHz(offset)) & PtsMask;
                cues.Add((offset, new SpliceInsert
                {
                    EventId = EventId(programme, breakStart),
                    EventCancel = false,
                    OutOfNetwork = isOut,
                    ProgramSplice = true,
                    DurationFlag = isOut,
                    SpliceTime = new SpliceTime(true, time, time),
                    BreakDuration = isOut ? new BreakDuration(AutoReturn: true, Ticks90kHz(window.Length)) : null,
                    UniqueProgramId = ProgramId,
                    AvailNum = 1,
                    AvailsExpected = 1,
                }));
            }
        }

        return cues.OrderBy(c => c.Offset).Select(c => c.Cue).ToList();
    }

    /// <summary>
    /// The number of the cycle the break belongs to (cycles since the Unix epoch), so its out and in cues share an id, and
    /// a restarted channel gives the same break the same id. Rounded: the channel's cycles start within a fraction of a
    /// cycle of the clock's.
    /// </summary>
    private static uint EventId(DemoProgramme programme, DateTimeOffset breakStart) =>
        unchecked((uint)(long)Math.Round((breakStart - programme.Break.Start - DateTimeOffset.UnixEpoch) / programme.Cycle));

    private static TimeSpan Modulo(TimeSpan value, TimeSpan cycle)
    {
        var ticks = value.Ticks % cycle.Ticks;
        return TimeSpan.FromTicks(ticks < 0 ? ticks + cycle.Ticks : ticks);
    }

    private static long Ticks90kHz(TimeSpan span) => ((span.Ticks * 9) + 500) / 1000;
}
