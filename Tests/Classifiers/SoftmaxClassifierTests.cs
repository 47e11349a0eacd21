using Glance.Detection.Local.Classifiers;

namespace Glance.Tests.Classifiers;

/// <summary>Softmax regression training, prediction and the serialized model format, on synthetic embeddings.</summary>
public sealed class SoftmaxClassifierTests
{
    private static readonly string[] Classes = ["football", "news", "tennis"];

    /// <summary>Three noisy clusters in 48 dimensions (non-negative, like pooled activations), with a shared offset so normalization matters.</summary>
    private static (List<float[]> Features, List<int> Labels) Clusters(int perClass, int seed, float noise = 0.6f)
    {
        var centres = new Random(1234);
        var means = Enumerable.Range(0, Classes.Length).Select(_ => Enumerable.Range(0, 48).Select(_ => (float)centres.NextDouble() * 2).ToArray()).ToArray();
        var random = new Random(seed);
        var features = new List<float[]>();
        var labels = new List<int>();
        for (var i = 0; i < perClass * Classes.Length; i++)
        {
            var label = i % Classes.Length;
            var scale = 0.5f + (float)random.NextDouble();
            features.Add(means[label].Select(m => Math.Max(0, (m + ((float)random.NextDouble() - 0.5f) * 2 * noise) * scale)).ToArray());
            labels.Add(label);
        }

        return (features, labels);
    }

    [Fact]
    public void Training_separates_clusters_and_generalizes_to_new_samples()
    {
        var (train, trainLabels) = Clusters(20, seed: 1);
        var (test, testLabels) = Clusters(30, seed: 2);

        var model = SoftmaxTrainer.Train("synthetic-v1", Classes, train, trainLabels, new ClassifierTrainingOptions());

        var correct = test.Where((f, i) => ImageClassifierTraining.ArgMax(model.Predict(f)) == testLabels[i]).Count();
        (correct / (double)test.Count).Should().BeGreaterThan(0.95);
        model.Predict(test[0]).Sum().Should().BeApproximately(1f, 1e-5f);
    }

    [Fact]
    public void Training_is_deterministic()
    {
        var (features, labels) = Clusters(10, seed: 3);

        var first = SoftmaxTrainer.Train("synthetic-v1", Classes, features, labels, new ClassifierTrainingOptions()).Serialize();
        var second = SoftmaxTrainer.Train("synthetic-v1", Classes, features, labels, new ClassifierTrainingOptions()).Serialize();

        second.Should().Equal(first);
    }

    [Fact]
    public void Unbalanced_classes_still_get_their_own_predictions()
    {
        var (features, labels) = Clusters(30, seed: 4);
        // Keep only 3 examples of "tennis" against 30 of each other class.
        var kept = Enumerable.Range(0, features.Count).Where(i => labels[i] != 2 || i < 9).ToList();
        var model = SoftmaxTrainer.Train("synthetic-v1", Classes, kept.Select(i => features[i]).ToList(), kept.Select(i => labels[i]).ToList(), new ClassifierTrainingOptions());
        var (test, testLabels) = Clusters(10, seed: 5);

        var tennis = test.Where((_, i) => testLabels[i] == 2).Count(f => ImageClassifierTraining.ArgMax(model.Predict(f)) == 2);

        tennis.Should().BeGreaterThanOrEqualTo(9);
    }

    [Fact]
    public void A_serialized_model_reads_back_with_identical_predictions()
    {
        var (features, labels) = Clusters(8, seed: 6);
        var model = SoftmaxTrainer.Train("synthetic-v1", Classes, features, labels, new ClassifierTrainingOptions());

        var bytes = model.Serialize();
        var copy = SoftmaxClassifier.Deserialize(bytes);

        copy.FeatureKind.Should().Be("synthetic-v1");
        copy.Classes.Should().Equal(Classes);
        copy.TrainingExamples.Should().Be(features.Count);
        foreach (var f in features)
        {
            copy.Predict(f).Should().Equal(model.Predict(f));
        }

        bytes.AsSpan(0, 4).ToArray().Should().Equal("GLCL"u8.ToArray());
    }

    [Fact]
    public void Damaged_models_are_refused_with_a_clear_exception()
    {
        var (features, labels) = Clusters(4, seed: 7);
        var bytes = SoftmaxTrainer.Train("synthetic-v1", Classes, features, labels, new ClassifierTrainingOptions()).Serialize();
        var otherVersion = (byte[])bytes.Clone();
        otherVersion[4] = 9;
        var notANumber = (byte[])bytes.Clone();
        BitConverter.GetBytes(float.NaN).CopyTo(notANumber, bytes.Length - 8);

        FluentActions.Invoking(() => SoftmaxClassifier.Deserialize(bytes.AsSpan(0, bytes.Length / 2))).Should().Throw<ClassifierModelException>().WithMessage("*truncated*");
        FluentActions.Invoking(() => SoftmaxClassifier.Deserialize([.. bytes, 0])).Should().Throw<ClassifierModelException>().WithMessage("*trailing*");
        FluentActions.Invoking(() => SoftmaxClassifier.Deserialize("not a model"u8)).Should().Throw<ClassifierModelException>().WithMessage("*magic*");
        FluentActions.Invoking(() => SoftmaxClassifier.Deserialize(otherVersion)).Should().Throw<ClassifierModelException>().WithMessage("*format 9*retrain*");
        FluentActions.Invoking(() => SoftmaxClassifier.Deserialize(notANumber)).Should().Throw<ClassifierModelException>().WithMessage("*non-finite*");
        FluentActions.Invoking(() => SoftmaxClassifier.Deserialize(bytes).Predict(new float[3])).Should().Throw<ClassifierModelException>().WithMessage("*48 features*");
    }
}

/// <summary>Test access to the trainer's arg-max helper.</summary>
internal static class ImageClassifierTraining
{
    public static int ArgMax(float[] values) => Array.IndexOf(values, values.Max());
}
