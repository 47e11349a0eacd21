using Glance.Media.Scte35;

namespace Glance.Media.Transport;

/// <summary>
/// A splice_info_section found on a PID of stream type 0x86. <see cref="ArrivalPts"/> places the section in presentation
/// time: the PTS of the first video access unit that starts after it (any audio/video PID when the program has no
/// video); when none follows in the segment, the PCR base at the section. <see cref="EffectivePts"/> is where the splice
/// happens: the signalled splice time, or the arrival for an immediate splice.
/// </summary>
public sealed record TransportCue(int Pid, long ByteOffset, long? ArrivalPts, SpliceInfoSection? Section, string? Error)
{
    public long? EffectivePts => Section?.SplicePts ?? ArrivalPts;
}
