using Glance.Media.Images;
namespace Glance.Detection.Local.Faces;

/// <summary>
/// The "local.faces" frame detector: faces found in the frame, each reported as the gallery person it matches
/// (within the event's <see cref="DetectionThresholds.FaceMatchDistance"/>) or as an unknown face. Also turns an
/// uploaded reference image into a descriptor for the gallery.
/// </summary>
public sealed class LocalFaceDetector : IFrameDetector
{
    public const string DetectorName = "local.faces";
    public const string UnknownFaceName = "unknown face";

    /// <summary>Reference images are scaled down to this long side before detection: plenty for a 150 px chip.</summary>
    private const int ReferenceLongSide = 1280;

    private static readonly IReadOnlySet<DetectionKind> FaceKinds = new HashSet<DetectionKind> { DetectionKind.Face };

    private readonly FaceAnalyzer analyzer;
    private readonly FfmpegImageCodec codec;

    public LocalFaceDetector(FaceAnalyzer analyzer, FfmpegImageCodec codec)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(codec);
        this.analyzer = analyzer;
        this.codec = codec;
    }

    public string Name => DetectorName;

    public IReadOnlySet<DetectionKind> Kinds => FaceKinds;

    public async ValueTask<IReadOnlyList<FrameDetection>> DetectAsync(DetectionFrame frame, DetectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(context);
        // Inference is CPU-bound: run it off the caller's thread. Descriptors (landmarks, alignment, the recognition net:
        // most of the cost) only serve matching, so none are made without known people, nor for faces that are dropped.
        var faces = await Task.Run(
            () => analyzer.Analyze(frame.Image, context.People.Count == 0 ? 0 : null, cancellationToken, context.Thresholds.MinFaceConfidence),
            cancellationToken).ConfigureAwait(false);
        var detections = new List<FrameDetection>(faces.Count);
        foreach (var face in faces)
        {
            if (face.Score < context.Thresholds.MinFaceConfidence)
            {
                continue;
            }

            var match = face.Descriptor is null ? null : FaceGallery.Match(face.Descriptor, context.People, context.Thresholds.FaceMatchDistance);
            detections.Add(match?.Person is { } person
                ? new FrameDetection(DetectionKind.Face, person.Id, person.Name, face.Score, face.RelativeBox, DetectorName)
                : new FrameDetection(DetectionKind.Face, null, UnknownFaceName, face.Score, face.RelativeBox, DetectorName));
        }

        return detections;
    }

    /// <summary>
    /// The descriptor of the largest face in an uploaded reference image (JPEG, PNG, ... decoded by ffmpeg within
    /// <paramref name="limits"/>). Throws <see cref="ImageFormatException"/> for an unusable image and
    /// <see cref="NoFaceFoundException"/> when no face large enough is found.
    /// </summary>
    public async Task<float[]> DescribeReferenceImageAsync(ReadOnlyMemory<byte> encodedImage, ImageDecodeLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var decodeLimits = limits.MaxLongSide is null ? limits with { MaxLongSide = ReferenceLongSide } : limits;
        var image = await codec.DecodeAsync(encodedImage, decodeLimits, cancellationToken).ConfigureAwait(false);
        return await Task.Run(() => DescribeLargestFace(image), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The descriptor of the largest face in a decoded image.</summary>
    public float[] DescribeLargestFace(RgbImage image)
    {
        var faces = analyzer.Analyze(image, maxDescribed: 1);
        var largest = faces.Where(f => f.Descriptor is not null).MaxBy(f => f.Box.Area);
        return largest?.Descriptor ?? throw new NoFaceFoundException(
            faces.Count == 0
                ? $"No face was found in the {image.Width}x{image.Height} reference image."
                : $"The faces found in the {image.Width}x{image.Height} reference image are too small to describe; use a closer photo.");
    }
}
