namespace Glance.Media.Signals;

/// <summary>Results of the signal checks on one segment; times are stream time. A check that did not run is empty/null.</summary>
/// <param name="AudioPresent">The segment carries an audio track.</param>
/// <param name="VideoPresent">The segment carries a video track.</param>
/// <param name="Captions">CEA-608/708 captions were found in the video (stream header or frame side data).</param>
/// <param name="Freeze">Frozen stretches that are not black (a black stretch is reported as black only).</param>
public sealed record SignalReport(
    bool AudioPresent,
    bool VideoPresent,
    bool Captions,
    IReadOnlyList<SignalInterval> Silence,
    IReadOnlyList<SignalInterval> Black,
    IReadOnlyList<SignalInterval> Freeze,
    LoudnessReport? Loudness);
