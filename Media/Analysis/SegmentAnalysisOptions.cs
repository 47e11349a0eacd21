namespace Glance.Media.Analysis;

/// <summary>Bounds on segment analysis. Bound to "Media:SegmentAnalysis".</summary>
public sealed class SegmentAnalysisOptions
{
    public const string SectionName = "Media:SegmentAnalysis";

    /// <summary>Largest media segment accepted (HLS segments are a few MB; 4K at high bit rates stays well below).</summary>
    public int MaxSegmentBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Largest fMP4 initialization segment accepted.</summary>
    public int MaxInitSegmentBytes { get; set; } = 1024 * 1024;

    /// <summary>Most frames one segment may yield; bounds memory (a 640x360 frame is 691 KB).</summary>
    public int MaxFramesPerSegment { get; set; } = 300;

    /// <summary>Time limit for each ffmpeg run on a segment; the process is killed past it.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
