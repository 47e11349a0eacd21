namespace Glance.Detection.Local.Faces;

/// <summary>
/// Face boxes from <see cref="BlazeFaceNetwork"/>, grown about their centre by <see cref="LocalModelOptions.BlazeFaceBoxGrowth"/>
/// from BlazeFace's framing (brows to mouth) to face-api's (forehead to chin), which the landmark net was trained on.
/// </summary>
public sealed class BlazeFaceDetector(BlazeFaceNetwork network, LocalModelOptions options) : IFaceBoxDetector
{
    private readonly BlazeFaceNetwork network = network ?? throw new ArgumentNullException(nameof(network));
    private readonly LocalModelOptions options = options ?? throw new ArgumentNullException(nameof(options));

    public IReadOnlyList<DetectedFace> Detect(RgbImage image, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var growth = options.BlazeFaceBoxGrowth;
        return network.Detect(image, options.FaceScoreThreshold, options.FaceIouThreshold)
            .Select(face =>
            {
                var (width, height) = (face.Width * growth, face.Height * growth);
                return face with { X = face.X - ((width - face.Width) / 2), Y = face.Y - ((height - face.Height) / 2), Width = width, Height = height };
            })
            .ToList();
    }
}
