namespace Glance.Detection;

/// <summary>
/// A detector that does part of its work better for a segment's frames together than frame by frame (one Tesseract
/// run for the text of every frame, say). The pipeline calls <see cref="BeginSegment"/> once with all the frames
/// before their per-frame calls; the detector may start work in the background and leave its results in each frame's
/// memo, where the per-frame <see cref="IFrameDetector.DetectAsync"/> picks them up. Per-frame calls must still work
/// without it, and when the shared work fails.
/// </summary>
public interface ISegmentAwareDetector : IFrameDetector
{
    void BeginSegment(IReadOnlyList<DetectionFrame> frames, DetectionContext context, CancellationToken cancellationToken);
}
