namespace Glance.Detection;

/// <summary>
/// One detector family member (local faces, local text, Rekognition labels, ...). Implementations are thread-safe:
/// the pipeline runs frames in parallel up to the core count and may call one detector for several frames at once.
/// </summary>
public interface IFrameDetector
{
    /// <summary>Stable name, also reported in each detection, for example "local.faces" or "rekognition.labels".</summary>
    string Name { get; }

    /// <summary>The kinds this detector can report; used to decide which detectors an event's checks need.</summary>
    IReadOnlySet<DetectionKind> Kinds { get; }

    ValueTask<IReadOnlyList<FrameDetection>> DetectAsync(DetectionFrame frame, DetectionContext context, CancellationToken cancellationToken);
}
