using Glance.Media.Scte35;

namespace Glance.Media.Transport.Checks;

/// <summary>
/// The SCTE-35 cues of a segment: each splice_info_section decoded (a section with a bad CRC becomes a cue with an error,
/// not a CRC_error: 2.2 lists PSI/SI tables only), timed by the PCR before it and then by the next video PTS (any PTS in a
/// stream without video). At most <see cref="TransportAnalyzerOptions.MaxCuesPerSegment"/> per segment.
/// </summary>
internal sealed class CueCollector(TransportContext context, ProgramMap map)
{
    private readonly List<TransportCue> cues = [];
    private readonly List<int> pending = [];

    public void OnSection(int pid, ReadOnlySpan<byte> section)
    {
        if (section[0] != SpliceInfoSection.TableIdValue || cues.Count >= context.Options.MaxCuesPerSegment)
        {
            return;
        }

        SpliceInfoSection? decoded = null;
        string? error = null;
        try
        {
            decoded = Scte35Decoder.Decode(section);
        }
        catch (Scte35FormatException e)
        {
            error = e.Message;
        }

        var clock = context.Clock;
        cues.Add(new TransportCue(pid, context.PacketOffset, clock.HasPcrTime ? clock.PcrBase90k : null, decoded, error));
        pending.Add(cues.Count - 1);
    }

    /// <summary>A PTS arrived on a PID with these roles: cues waiting for their arrival time take it.</summary>
    public void OnPts(long pts, PidRoles roles)
    {
        if (pending.Count == 0 || (map.HasVideo && (roles & PidRoles.Video) == 0))
        {
            return;
        }

        foreach (var index in pending)
        {
            cues[index] = cues[index] with { ArrivalPts = pts };
        }

        pending.Clear();
    }

    public void BeginSegment()
    {
        cues.Clear();
        pending.Clear();
    }

    public TransportCue[] EndSegment()
    {
        pending.Clear();
        return [.. cues];
    }
}
