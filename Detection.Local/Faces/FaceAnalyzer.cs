using Glance.Inference.Nn;
namespace Glance.Detection.Local.Faces;

/// <summary>
/// Detect (BlazeFace, or TinyFaceDetector with small-face tiles: <see cref="LocalModelOptions.FaceDetector"/>), then for the largest faces: 68 landmarks on face-api's crop of the box, dlib alignment from those landmarks
/// and a 128-d descriptor of the aligned chip. Thread-safe; faces of one image are described in parallel.
/// </summary>
public sealed class FaceAnalyzer
{
    private readonly FaceModels models;
    private readonly LocalModelOptions options;
    private readonly IFaceBoxDetector detector;

    public FaceAnalyzer(FaceModels models, IOptions<LocalModelOptions> options)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        this.models = models;
        this.options = options.Value;
        detector = BoxDetector(models, this.options);
    }

    /// <summary>The face box detector the options choose.</summary>
    public static IFaceBoxDetector BoxDetector(FaceModels models, LocalModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        return options.FaceDetector switch
        {
            FaceDetectorKind.BlazeFace => new BlazeFaceDetector(
                models.BlazeFace ?? throw new FaceModelException("The options choose BlazeFace, but the face models were loaded without it."), options),
            _ => new MultiScaleFaceDetector(models.Detector, options),
        };
    }

    /// <param name="maxDescribed">How many of the largest faces get a descriptor; null uses the options' per-frame limit.</param>
    /// <param name="minDescribedScore">Faces below this detection score get no descriptor (the caller drops them anyway).</param>
    public IReadOnlyList<AnalyzedFace> Analyze(RgbImage image, int? maxDescribed = null, CancellationToken cancellationToken = default, double minDescribedScore = 0)
    {
        ArgumentNullException.ThrowIfNull(image);
        cancellationToken.ThrowIfCancellationRequested();
        var detections = detector.Detect(image, cancellationToken);
        var limit = Math.Max(0, maxDescribed ?? options.MaxDescribedFacesPerFrame);
        var described = detections
            .Select((face, index) => (face, index))
            .Where(f => f.face.Score >= minDescribedScore && Math.Min(f.face.Width, f.face.Height) >= options.MinDescribedFaceSize)
            .OrderByDescending(f => f.face.Area)
            .Take(limit)
            .Select(f => f.index)
            .ToHashSet();

        // Landmarks and chips per face in parallel (small nets), then one batched recognition pass for all of them.
        var order = described.Order().ToArray();
        var landmarks = new FaceLandmarks?[detections.Count];
        var chips = new float[]?[detections.Count];
        Parallel.For(0, order.Length, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = NnParallel.MaxDegreeOfParallelism }, j =>
        {
            var i = order[j];
            (landmarks[i], chips[i]) = LandmarksAndChip(image, detections[i]);
        });
        cancellationToken.ThrowIfCancellationRequested();
        var withChips = order.Where(i => chips[i] is not null).ToArray();
        var descriptors = models.Recognition.Describe(withChips.Select(i => chips[i]!).ToArray());
        var descriptorByFace = new float[]?[detections.Count];
        for (var j = 0; j < withChips.Length; j++)
        {
            descriptorByFace[withChips[j]] = descriptors[j];
        }

        return detections.Select((face, i) => new AnalyzedFace(
            face,
            BoundingBox.FromPixels(face.X, face.Y, face.Width, face.Height, image.Width, image.Height),
            face.Score,
            landmarks[i],
            descriptorByFace[i])).ToList();
    }

    /// <summary>Landmarks and descriptor of one detected face (null, null when its box has no pixels inside the image).</summary>
    public (FaceLandmarks? Landmarks, float[]? Descriptor) Describe(RgbImage image, DetectedFace face)
    {
        var (landmarks, chip) = LandmarksAndChip(image, face);
        return (landmarks, chip is null ? null : models.Recognition.Describe(chip));
    }

    private (FaceLandmarks? Landmarks, float[]? Chip) LandmarksAndChip(RgbImage image, DetectedFace face)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(face);
        var crop = LandmarkCrop(image, face);
        if (crop.IsEmpty)
        {
            return (null, null);
        }

        var landmarks = models.Landmarks.Detect(image, crop);
        return (landmarks, AlignedChip(image, landmarks));
    }

    /// <summary>The region of <paramref name="image"/> the landmark net sees for <paramref name="face"/> (empty when the box lies outside).</summary>
    internal static PixelRegion LandmarkCrop(RgbImage image, DetectedFace face) =>
        PixelRegion.ClipAndFloor(face.X, face.Y, face.Width, face.Height, image.Width, image.Height);

    /// <summary>The recognition net's chip, aligned the dlib way from <paramref name="landmarks"/>.</summary>
    internal static float[] AlignedChip(RgbImage image, FaceLandmarks landmarks) =>
        FaceChipAligner.ExtractChip(image, FaceChipAligner.ChipToImage(landmarks, FaceRecognitionNet.ChipSize), FaceRecognitionNet.ChipSize);
}
