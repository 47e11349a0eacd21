using Glance.Media.Frames;
using Microsoft.Extensions.Options;

namespace Glance.Detection.Local.Faces;

/// <summary>
/// Detect, then for the largest faces: 68 landmarks on face-api's crop of the box, dlib alignment from those landmarks
/// and a 128-d descriptor of the aligned chip. Thread-safe; faces of one image are described in parallel.
/// </summary>
public sealed class FaceAnalyzer
{
    private readonly FaceModels models;
    private readonly LocalModelOptions options;

    public FaceAnalyzer(FaceModels models, IOptions<LocalModelOptions> options)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        this.models = models;
        this.options = options.Value;
    }

    /// <param name="maxDescribed">How many of the largest faces get a descriptor; null uses the options' per-frame limit.</param>
    public IReadOnlyList<AnalyzedFace> Analyze(RgbImage image, int? maxDescribed = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        cancellationToken.ThrowIfCancellationRequested();
        var detections = models.Detector.Detect(image, options.FaceDetectorInputSize, options.FaceScoreThreshold, options.FaceIouThreshold);
        var limit = Math.Max(0, maxDescribed ?? options.MaxDescribedFacesPerFrame);
        var described = detections
            .Select((face, index) => (face, index))
            .Where(f => Math.Min(f.face.Width, f.face.Height) >= options.MinDescribedFaceSize)
            .OrderByDescending(f => f.face.Area)
            .Take(limit)
            .Select(f => f.index)
            .ToHashSet();

        var results = new AnalyzedFace[detections.Count];
        Parallel.For(0, detections.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var face = detections[i];
            var relative = BoundingBox.FromPixels(face.X, face.Y, face.Width, face.Height, image.Width, image.Height);
            FaceLandmarks? landmarks = null;
            float[]? descriptor = null;
            if (described.Contains(i))
            {
                (landmarks, descriptor) = Describe(image, face);
            }

            results[i] = new AnalyzedFace(face, relative, face.Score, landmarks, descriptor);
        });
        return results;
    }

    /// <summary>Landmarks and descriptor of one detected face (null, null when its box has no pixels inside the image).</summary>
    public (FaceLandmarks? Landmarks, float[]? Descriptor) Describe(RgbImage image, DetectedFace face)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(face);
        var crop = PixelRegion.ClipAndFloor(face.X, face.Y, face.Width, face.Height, image.Width, image.Height);
        if (crop.IsEmpty)
        {
            return (null, null);
        }

        var landmarks = models.Landmarks.Detect(image, crop);
        var chip = FaceChipAligner.ExtractChip(image, FaceChipAligner.ChipToImage(landmarks, FaceRecognitionNet.ChipSize), FaceRecognitionNet.ChipSize);
        return (landmarks, models.Recognition.Describe(chip));
    }
}
