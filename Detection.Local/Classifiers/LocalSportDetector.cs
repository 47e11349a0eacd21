using System.Runtime.CompilerServices;
using Glance.Detection.Local.Objects;

namespace Glance.Detection.Local.Classifiers;

/// <summary>
/// The "local.sport" frame detector: runs every <see cref="TrainedClassifier"/> in the context on the frame's backbone
/// embedding (shared with "local.labels": one forward pass per frame) and reports each classifier's best class as a
/// <see cref="DetectionKind.Sport"/> (Id = the classifier's id, Name = the class) when its probability reaches
/// <see cref="DetectionThresholds.MinSportConfidence"/>. With no classifiers it does not run the network at all.
/// </summary>
public sealed class LocalSportDetector : IFrameDetector
{
    public const string DetectorName = "local.sport";

    private static readonly IReadOnlySet<DetectionKind> SportKinds = new HashSet<DetectionKind> { DetectionKind.Sport };

    private readonly CenterNetNetwork network;

    /// <summary>Parsed models, keyed by the (immutable) classifier instance the context holds.</summary>
    private readonly ConditionalWeakTable<TrainedClassifier, SoftmaxClassifier> models = [];

    public LocalSportDetector(CenterNetNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        this.network = network;
    }

    public string Name => DetectorName;

    public IReadOnlySet<DetectionKind> Kinds => SportKinds;

    public async ValueTask<IReadOnlyList<FrameDetection>> DetectAsync(DetectionFrame frame, DetectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Classifiers.Count == 0)
        {
            return [];
        }

        var classifiers = context.Classifiers.Select(c => (Classifier: c, Model: Model(c))).ToList();
        var analysis = await network.AnalyzeSharedAsync(frame, cancellationToken).ConfigureAwait(false);
        var detections = new List<FrameDetection>();
        foreach (var (classifier, model) in classifiers)
        {
            var probabilities = model.Predict(analysis.Features);
            var best = ImageClassifierTrainer.ArgMax(probabilities);
            if (probabilities[best] >= context.Thresholds.MinSportConfidence)
            {
                detections.Add(new FrameDetection(DetectionKind.Sport, classifier.Id, model.Classes[best], probabilities[best], null, DetectorName));
            }
        }

        return detections;
    }

    /// <summary>The classifier's parsed model; <see cref="ClassifierModelException"/> when it was made for other features or is damaged.</summary>
    private SoftmaxClassifier Model(TrainedClassifier classifier) => models.GetValue(classifier, c =>
    {
        SoftmaxClassifier model;
        try
        {
            model = SoftmaxClassifier.Deserialize(c.Model.Span);
        }
        catch (ClassifierModelException error)
        {
            throw new ClassifierModelException($"Classifier '{c.Id}' cannot be used: {error.Message}", error);
        }

        if (model.FeatureKind != ImageClassifierTrainer.FeatureKind)
        {
            throw new ClassifierModelException($"Classifier '{c.Id}' was trained on '{model.FeatureKind}' features; this build computes '{ImageClassifierTrainer.FeatureKind}'. Retrain it.");
        }

        if (!model.Classes.SequenceEqual(c.Classes, StringComparer.Ordinal))
        {
            throw new ClassifierModelException($"Classifier '{c.Id}' lists classes [{string.Join(", ", c.Classes)}] but its model has [{string.Join(", ", model.Classes)}].");
        }

        return model;
    });
}
