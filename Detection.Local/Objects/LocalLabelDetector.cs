namespace Glance.Detection.Local.Objects;

/// <summary>
/// The "local.labels" frame detector: COCO objects CenterNet finds, each as a <see cref="DetectionKind.Label"/> with
/// its box (people included, as the label "person"). Objects must score above the event's
/// <see cref="DetectionThresholds.MinLabelConfidence"/>; a frame with no picture gets none
/// (<see cref="ObjectDetectionOptions.SkipBlackFrames"/>).
/// </summary>
public sealed class LocalLabelDetector : IFrameDetector
{
    public const string DetectorName = "local.labels";

    private static readonly IReadOnlySet<DetectionKind> LabelKinds = new HashSet<DetectionKind> { DetectionKind.Label };

    private readonly CenterNetNetwork network;
    private readonly ObjectDetectionOptions options;

    public LocalLabelDetector(CenterNetNetwork network, IOptions<ObjectDetectionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        this.network = network;
        this.options = options.Value;
        if (this.options.MaxObjects is < 1 or > 100 || !(this.options.IouThreshold is > 0 and <= 1))
        {
            throw new OptionsValidationException(ObjectDetectionOptions.SectionName, typeof(ObjectDetectionOptions),
                [$"MaxObjects must be 1..100 (got {this.options.MaxObjects}) and IouThreshold in (0, 1] (got {this.options.IouThreshold})."]);
        }
    }

    public string Name => DetectorName;

    public IReadOnlySet<DetectionKind> Kinds => LabelKinds;

    public async ValueTask<IReadOnlyList<FrameDetection>> DetectAsync(DetectionFrame frame, DetectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(context);
        if (options.SkipBlackFrames && BlackPicture.Is(frame.Image))
        {
            return [];
        }

        var analysis = await network.AnalyzeSharedAsync(frame, cancellationToken).ConfigureAwait(false);
        var objects = CenterNetDecoder.Decode(analysis.Candidates, (float)context.Thresholds.MinLabelConfidence, options.MaxObjects, options.IouThreshold);
        return objects.Select(o => new FrameDetection(DetectionKind.Label, null, o.Label, o.Score, o.Box, DetectorName)).ToList();
    }
}
