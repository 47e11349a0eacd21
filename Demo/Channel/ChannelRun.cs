using Glance.Media.Processes;

namespace Glance.Demo.Channel;

/// <summary>One ffmpeg run of the channel and where its stream time sits on the programme cycle.</summary>
/// <param name="FirstSequence">Media sequence number of the run's first segment.</param>
/// <param name="PhaseOffset">Programme phase at the run's stream time 0.</param>
internal sealed class ChannelRun(long firstSequence, TimeSpan phaseOffset, LongRunningProcess process)
{
    public long FirstSequence { get; } = firstSequence;

    public TimeSpan PhaseOffset { get; } = phaseOffset;

    public LongRunningProcess Process { get; } = process;

    /// <summary>Program date-time of the run's stream time 0 (its first segment's), once that segment is listed.</summary>
    public DateTimeOffset? Anchor { get; set; }

    /// <summary>ffmpeg lines logged at warning level so far; the rest go to debug so a chatty run cannot flood the log.</summary>
    public int LoggedLines { get; set; }
}
