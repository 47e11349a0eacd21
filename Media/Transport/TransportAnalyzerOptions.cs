namespace Glance.Media.Transport;

/// <summary>Limits of the TR 101 290 checks. Defaults follow TR 101 290; <see cref="PcrRepetitionLimit"/> may be
/// raised to 100 ms, the ISO/IEC 13818-1 limit, for streams that only promise that.</summary>
public sealed record TransportAnalyzerOptions
{
    /// <summary>2.3a: the largest allowed time between consecutive PCRs of a PID (TR 101 290: 40 ms).</summary>
    public TimeSpan PcrRepetitionLimit { get; init; } = TimeSpan.FromMilliseconds(40);

    /// <summary>2.3b: PCR steps outside 0..this without discontinuity_indicator are errors (TR 101 290: 100 ms).</summary>
    public TimeSpan PcrDiscontinuityLimit { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>1.3a: a PAT must occur at least this often.</summary>
    public TimeSpan PatInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>1.5a: each PMT listed in the PAT must occur at least this often.</summary>
    public TimeSpan PmtInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// 1.6: the "user specified period" after which a video or audio PID listed in a PMT that has not occurred is an error.
    /// TR 101 290 leaves it to the user and caps it at 5 s for video and audio; 0.5 s matches the other priority 1 periods.
    /// </summary>
    public TimeSpan PidTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>2.5: the largest allowed time between PTSs of a video or audio PID (TR 101 290: 700 ms).</summary>
    public TimeSpan PtsRepetitionLimit { get; init; } = TimeSpan.FromMilliseconds(700);

    /// <summary>
    /// The analysis clock advances with the PCR of the clock PID; a step larger than this (or backwards) is a jump in the
    /// time base, not elapsed time, and does not advance it (so a splice of two feeds does not fire every timeout).
    /// </summary>
    public TimeSpan MaxClockStep { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Consecutive correct sync bytes needed to acquire sync (TR 101 290 suggests 5).</summary>
    public int SyncAcquirePackets { get; init; } = 5;

    /// <summary>Consecutive corrupted sync bytes that lose sync (TR 101 290 suggests 2).</summary>
    public int SyncLossPackets { get; init; } = 2;

    /// <summary>Upper bound on SCTE-35 cues kept per segment, so a hostile segment cannot grow the report without bound.</summary>
    public int MaxCuesPerSegment { get; init; } = 1000;

    public void Validate()
    {
        static void Positive(TimeSpan value, string name)
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(name, value, "Must be positive.");
            }
        }

        Positive(PcrRepetitionLimit, nameof(PcrRepetitionLimit));
        Positive(PcrDiscontinuityLimit, nameof(PcrDiscontinuityLimit));
        Positive(PatInterval, nameof(PatInterval));
        Positive(PmtInterval, nameof(PmtInterval));
        Positive(PidTimeout, nameof(PidTimeout));
        Positive(PtsRepetitionLimit, nameof(PtsRepetitionLimit));
        Positive(MaxClockStep, nameof(MaxClockStep));
        ArgumentOutOfRangeException.ThrowIfLessThan(SyncAcquirePackets, 1, nameof(SyncAcquirePackets));
        ArgumentOutOfRangeException.ThrowIfLessThan(SyncLossPackets, 1, nameof(SyncLossPackets));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxCuesPerSegment, nameof(MaxCuesPerSegment));
    }
}
