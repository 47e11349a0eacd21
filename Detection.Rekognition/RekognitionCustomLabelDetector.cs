namespace Glance.Detection.Rekognition;

/// <summary>
/// The broadcaster's Custom Labels model (DetectCustomLabels), for example a sport-type classifier: a label reports the
/// kind <see cref="RekognitionOptions.CustomLabelKinds"/> gives it (Sport, Team, ...), otherwise Label.
/// </summary>
public sealed class RekognitionCustomLabelDetector : RekognitionDetector<DetectCustomLabelsResponse>
{
    public const string DetectorName = "rekognition.custom-labels";

    private readonly Dictionary<string, DetectionKind> kinds;

    public RekognitionCustomLabelDetector(RekognitionClient client, RekognitionImageEncoder encoder, IOptions<RekognitionOptions> options)
        : base(DetectorName, KindsOf(options), client, encoder, options, RekognitionImageEncoder.MaxCustomLabelsImageBytes)
    {
        RequireSetting(Options.ProjectVersionArn, "DetectCustomLabels needs ProjectVersionArn.");
        kinds = new Dictionary<string, DetectionKind>(Options.CustomLabelKinds, StringComparer.OrdinalIgnoreCase);
    }

    protected override async Task<DetectCustomLabelsResponse?> CallAsync(RekognitionImage image, DetectionContext context, CancellationToken cancellationToken)
    {
        var request = new DetectCustomLabelsRequest(Options.ProjectVersionArn!, image, Options.MaxCustomLabels, Percent.FromUnit(Options.MinConfidence));
        return await Client.DetectCustomLabelsAsync(request, cancellationToken).ConfigureAwait(false);
    }

    protected override IReadOnlyList<FrameDetection> Detections(DetectCustomLabelsResponse response, DetectionContext context) =>
        Map(response, kinds, context.Thresholds, Options.MinConfidence);

    internal static IReadOnlyList<FrameDetection> Map(
        DetectCustomLabelsResponse response,
        IReadOnlyDictionary<string, DetectionKind> kinds,
        DetectionThresholds thresholds,
        double minConfidence)
    {
        List<FrameDetection> detections = [];
        foreach (var label in response.CustomLabels ?? [])
        {
            if (string.IsNullOrWhiteSpace(label.Name))
            {
                continue;
            }

            var kind = kinds.TryGetValue(label.Name, out var mapped) ? mapped : DetectionKind.Label;
            var confidence = Percent.ToUnit(label.Confidence);
            if (confidence < Math.Max(minConfidence, Threshold(kind, thresholds)))
            {
                continue;
            }

            detections.Add(new FrameDetection(kind, null, label.Name, confidence, label.Geometry?.BoundingBox?.ToRelativeBox(), DetectorName));
        }

        return detections;
    }

    /// <summary>Every kind a label can be mapped to, and Label for the rest.</summary>
    private static IEnumerable<DetectionKind> KindsOf(IOptions<RekognitionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [.. options.Value.CustomLabelKinds.Values, DetectionKind.Label];
    }

    private static double Threshold(DetectionKind kind, DetectionThresholds thresholds) => kind switch
    {
        DetectionKind.Sport => thresholds.MinSportConfidence,
        DetectionKind.Team => thresholds.MinTeamConfidence,
        DetectionKind.Logo => thresholds.MinLogoScore,
        DetectionKind.Text => thresholds.MinTextConfidence,
        DetectionKind.Face or DetectionKind.Person => thresholds.MinFaceConfidence,
        _ => thresholds.MinLabelConfidence,
    };
}
