using Glance.Detection.Local.Objects;
namespace Glance.Detection.Local.Classifiers;

/// <summary>
/// Trains a broadcaster's custom image classifier (for example sport type) from labelled example frames, like
/// Rekognition Custom Labels' image classification: each frame's embedding comes from the object network's backbone
/// (<see cref="CenterNetNetwork.FeatureNode"/>, average-pooled) and a softmax regression is fitted on top. The result
/// is a <see cref="TrainedClassifier"/> whose model bytes <see cref="LocalSportDetector"/> reads.
/// </summary>
public sealed class ImageClassifierTrainer
{
    /// <summary>The embedding models are trained on; bump it whenever the embedding changes so old models are refused.</summary>
    public const string FeatureKind = "centernet-extern1-gap-v1";

    private readonly CenterNetNetwork network;
    private readonly ClassifierTrainingOptions options;

    public ImageClassifierTrainer(CenterNetNetwork network, IOptions<ClassifierTrainingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        this.network = network;
        this.options = options.Value;
        var o = this.options;
        if (o.Iterations is < 1 or > 10_000 || !(o.L2 >= 0) || o.MaxClasses < 2 || o.MaxExamples < 2 || o.MinExamplesPerClass < 1 || o.MaxLabelLength < 1)
        {
            throw new OptionsValidationException("Detection:Local:Classifiers", typeof(ClassifierTrainingOptions),
                [$"Iterations must be 1..10000, L2 >= 0, and the limits positive; got {o}."]);
        }
    }

    /// <summary>Embeds every example (CPU-bound, off the caller's thread) and fits the classifier.</summary>
    public async Task<ClassifierTrainingResult> TrainAsync(string classifierId, string name, IReadOnlyList<LabelledImage> examples, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(classifierId);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var classes = Validate(examples);
        var features = new List<float[]>(examples.Count);
        foreach (var example in examples)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var output = await Task.Run(() => network.Analyze(example.Image, cancellationToken), cancellationToken).ConfigureAwait(false);
            features.Add(output.Features);
        }

        return Fit(classifierId, name, classes, features, examples.Select(e => e.Label).ToList());
    }

    /// <summary>Fits a classifier on embeddings already computed (one per label).</summary>
    public ClassifierTrainingResult Fit(string classifierId, string name, IReadOnlyList<string> classes, IReadOnlyList<float[]> features, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(labels);
        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var targets = labels.Select(l => index.TryGetValue(l, out var i) ? i : throw new ClassifierTrainingException($"The label '{l}' is not one of the classes.")).ToList();
        var model = SoftmaxTrainer.Train(FeatureKind, classes, features, targets, options);
        var correct = features.Where((f, i) => ArgMax(model.Predict(f)) == targets[i]).Count();
        var classifier = new TrainedClassifier(classifierId, name, classes, model.Serialize());
        return new ClassifierTrainingResult(classifier, correct / (double)features.Count, classes.ToDictionary(c => c, c => labels.Count(l => l == c), StringComparer.Ordinal));
    }

    /// <summary>The distinct labels in ordinal order, after checking counts and label text.</summary>
    private List<string> Validate(IReadOnlyList<LabelledImage> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count > options.MaxExamples)
        {
            throw new ClassifierTrainingException($"{examples.Count} examples is more than the {options.MaxExamples} a classifier may be trained on.");
        }

        foreach (var example in examples)
        {
            if (example?.Image is null || string.IsNullOrWhiteSpace(example.Label) || example.Label.Length > options.MaxLabelLength || example.Label.Any(char.IsControl))
            {
                throw new ClassifierTrainingException($"Every example needs an image and a label of 1 to {options.MaxLabelLength} printable characters.");
            }
        }

        var counts = examples.GroupBy(e => e.Label, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        if (counts.Count < 2)
        {
            throw new ClassifierTrainingException($"A classifier needs examples of at least two classes; got {counts.Count}.");
        }

        if (counts.Count > options.MaxClasses)
        {
            throw new ClassifierTrainingException($"{counts.Count} classes is more than the {options.MaxClasses} allowed.");
        }

        var thin = counts.Where(c => c.Value < options.MinExamplesPerClass).Select(c => $"'{c.Key}' ({c.Value})").ToList();
        if (thin.Count > 0)
        {
            throw new ClassifierTrainingException($"Every class needs at least {options.MinExamplesPerClass} examples; too few for {string.Join(", ", thin)}.");
        }

        return counts.Keys.Order(StringComparer.Ordinal).ToList();
    }

    internal static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
