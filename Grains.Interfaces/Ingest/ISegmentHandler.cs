namespace Glance.Grains.Interfaces.Ingest;

/// <summary>
/// Where a stream grain hands new segments: the analysis pipeline of the silo that polls the stream. Accepting must
/// be quick (a bounded queue); waiting here is back-pressure on polling. Results go on the event's results stream; the
/// timeline tells the stream grain what it recorded (<see cref="IStreamIngestGrain.RecordedAsync"/>). Nothing flows
/// back from analysis to the stream grain.
/// </summary>
public interface ISegmentHandler
{
    /// <param name="recorded">What the timeline had recorded when the segment was handed: where analysis resumes when it has nothing newer of its own.</param>
    ValueTask HandleAsync(SegmentHandoff segment, AnalysisResumePoint recorded, CancellationToken cancellationToken);
}
