using Glance.Media.Frames;
using Glance.Media.Signals;
using Glance.Media.Timing;

namespace Glance.Media.Analysis;

/// <summary>The result of analysing one segment.</summary>
/// <param name="Frames">Sampled frames in presentation order, with exact timestamps and stream times.</param>
/// <param name="Timeline">How the segment's timestamps map to the event (epoch, break, first frame).</param>
/// <param name="NextState">Pass this with the next segment of the same stream.</param>
public sealed record SegmentAnalysis(
    IReadOnlyList<SampledFrame> Frames,
    SignalReport Signals,
    SegmentTimeline Timeline,
    StreamAnalysisState NextState,
    FrameSource FrameSource);
