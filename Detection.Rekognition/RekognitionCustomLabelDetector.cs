using Glance.Detection.Rekognition.Wire;
using Microsoft.Extensions.Options;

namespace Glance.Detection.Rekognition;

/// <summary>
/// The broadcaster's Custom Labels model (DetectCustomLabels), for example a sport-type classifier: a label reports the
/// kind <see cref="RekognitionOptions.CustomLabelKinds"/> gives it (Sport, Team, ...), otherwise Label.
/// </summary>
public sealed class RekognitionCustomLabelDetector : RekognitionDetector<DetectCustomLabelsResponse>
{
    public const string DetectorName = "rekognition.custom-labels";

    private readonly RekognitionClient client;
    private readonly RekognitionOptions options;
    private readonly Dictionary<string, DetectionKind> kinds;

    public RekognitionCustomLabelDetector(RekognitionClient client, RekognitionImageEncoder encoder, IOptions<RekognitionOptions> options)
        : base(encoder, RekognitionImageEncoder.MaxCustomLabelsImageBytes)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.client = client;
        this.options = options.Value;
        if (string.IsNullOrWhiteSpace(this.options.ProjectVersionArn))
        {
            throw new OptionsValidationException(RekognitionOptions.SectionName, typeof(RekognitionOptions), ["DetectCustomLabels needs ProjectVersionArn."]);
        }

        kinds = new Dictionary<string, DetectionKind>(this.options.CustomLabelKinds, StringComparer.OrdinalIgnoreCase);
        Kinds = new HashSet<DetectionKind>(kinds.Values) { DetectionKind.Label };
    }

    public override string Name => DetectorName;

    public override IReadOnlySet<DetectionKind> Kinds { get; }

    protected override async Task<DetectCustomLabelsResponse?> CallAsync(RekognitionImage image, DetectionContext context, CancellationToken cancellationToken)
    {
        var request = new DetectCustomLabelsRequest(options.ProjectVersionArn!, image, options.MaxCustomLabels, Percent.FromUnit(options.MinConfidence));
        return await client.DetectCustomLabelsAsync(request, cancellationToken).ConfigureAwait(false);
    }

    protected override IReadOnlyList<FrameDetection> Detections(DetectCustomLabelsResponse response, DetectionContext context) =>
        Map(response, kinds, context.Thresholds, options.MinConfidence);

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
