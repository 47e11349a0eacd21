namespace Glance.Grains.Interfaces.Ingest;

/// <summary>
/// Where a stream grain hands new segments: the analysis pipeline of the silo that polls the stream. Accepting must
/// be quick (a bounded queue); waiting here is back-pressure on polling. The handler acknowledges each segment to the
/// stream grain when its results are safely published.
/// </summary>
public interface ISegmentHandler
{
    ValueTask HandleAsync(SegmentHandoff segment, CancellationToken cancellationToken);
}
