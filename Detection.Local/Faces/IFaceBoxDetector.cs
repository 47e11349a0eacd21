namespace Glance.Detection.Local.Faces;

/// <summary>Finds face boxes in an image (the first step of <see cref="FaceAnalyzer"/>); implementations are thread-safe.</summary>
public interface IFaceBoxDetector
{
    /// <summary>Faces in <paramref name="image"/>, in its pixels, best score first.</summary>
    IReadOnlyList<DetectedFace> Detect(RgbImage image, CancellationToken cancellationToken = default);
}
