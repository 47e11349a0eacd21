using Glance.Grains.Interfaces.Ingest;

namespace Glance.Grains.Ingest;

/// <summary>
/// What a stream grain hands again when the timeline reports that it set a result aside: from the segment that follows
/// the timeline's newest record (the one it waits for) when that is still in flight; when it is not (gone for good),
/// from the oldest segment in flight after the newest record, relinked to follow it, so that the stream goes on past a
/// gap rather than wait for a segment nobody holds.
/// </summary>
public static class PredecessorRepair
{
    /// <summary>The in-flight index to hand again from and, for a lost successor, the segment relinked; null when nothing in flight follows the newest record.</summary>
    public static (int From, SegmentHandoff? Relinked)? Plan(IReadOnlyList<SegmentHandoff> inFlight, SegmentPosition? newestRecorded)
    {
        for (var i = 0; i < inFlight.Count; i++)
        {
            if (inFlight[i].Previous == newestRecorded)
            {
                return (i, null);
            }
        }

        for (var i = 0; i < inFlight.Count; i++)
        {
            if (newestRecorded is null || !newestRecorded.Covers(inFlight[i].Epoch, inFlight[i].MediaSequence))
            {
                return (i, inFlight[i] with { Previous = newestRecorded });
            }
        }

        return null;
    }
}
