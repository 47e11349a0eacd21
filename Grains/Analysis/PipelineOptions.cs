namespace Glance.Grains.Analysis;

/// <summary>How a silo analyses the segments of the streams it polls. Bound to "Pipeline".</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>Segments analysed at once on this silo (each already uses every core for its frames).</summary>
    public int MaxConcurrentSegments { get; set; } = 2;

    /// <summary>Segments waiting per stream; a full queue makes the stream grain wait (back-pressure).</summary>
    public int QueueCapacityPerStream { get; set; } = 8;

    /// <summary>Frames detected in parallel within a segment.</summary>
    public int MaxFrameParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>One detector on one frame gets this long; then its result for that frame is given up.</summary>
    public TimeSpan DetectorTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// When a segment starts its analysis this long after it appeared in the playlist, the pipeline is behind: it sheds
    /// the oldest half of the segment's frames (counted) so that it catches up instead of falling further behind.
    /// </summary>
    public TimeSpan MaxLag { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a stopping silo lets segments under analysis finish and reach the timeline; then analysis is cancelled
    /// and those segments are redone where their streams resume. Keep it well under the host's shutdown timeout
    /// (30 s), which also covers Orleans' own stop.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a finished result is offered to the results stream again while its queue is unreachable (a silo that
    /// hosted it died and is not yet declared dead); then it is given up and the segment is redone where it is handed again.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether to decode black/freeze on every frame (exact boundaries) rather than on I and P frames only.</summary>
    public bool VideoChecksOnAllFrames { get; set; }
}
