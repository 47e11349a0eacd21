using Glance.Grains.Interfaces.Ingest;

namespace Glance.Grains.Ingest;

/// <summary>
/// What a stream grain hands again when the timeline reports that a segment's predecessor is not recorded: from the
/// predecessor on when it is still in flight; from the waiting segment when the predecessor was recorded since the
/// report was sent; and when the predecessor is neither (gone for good), from the waiting segment relinked to follow
/// the timeline's newest record, so that the stream goes on past a gap rather than wait for a segment nobody holds.
/// </summary>
public static class PredecessorRepair
{
    /// <summary>The in-flight index to hand again from and, for a lost predecessor, the waiting segment relinked; null when nothing waits on it.</summary>
    public static (int From, SegmentHandoff? Relinked)? Plan(
        IReadOnlyList<SegmentHandoff> inFlight,
        AnalysisResumePoint recorded,
        SegmentPosition missing,
        SegmentPosition? newestRecorded)
    {
        for (var i = 0; i < inFlight.Count; i++)
        {
            if (inFlight[i].Epoch == missing.Epoch && inFlight[i].MediaSequence == missing.Sequence)
            {
                return (i, null);
            }
        }

        for (var i = 0; i < inFlight.Count; i++)
        {
            if (inFlight[i].Previous == missing)
            {
                return recorded.Covers(missing.Epoch, missing.Sequence)
                    ? (i, null)
                    : (i, inFlight[i] with { Previous = newestRecorded });
            }
        }

        return null;
    }
}
