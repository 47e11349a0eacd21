using Glance.Media.Frames;
using Glance.Media.Signals;
using Glance.Media.Timing;

namespace Glance.Media.Analysis;

/// <summary>One segment to analyse. To sample frames only, set <see cref="Signals"/> to <see cref="SignalOptions.None"/>.</summary>
public sealed record SegmentAnalysisRequest(SegmentMedia Media, SegmentTiming Timing, StreamAnalysisState State)
{
    public SamplingOptions Sampling { get; init; } = SamplingOptions.Default;

    public SignalOptions Signals { get; init; } = SignalOptions.Default;
}
