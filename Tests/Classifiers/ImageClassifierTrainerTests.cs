using Glance.Detection;
using Glance.Detection.Local.Classifiers;
using Glance.Detection.Local.Objects;
using Glance.Media.Frames;
using Glance.Tests.Objects;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Classifiers;

[Collection(CenterNetCollection.Name)]
public sealed class ImageClassifierTrainerTests(CenterNetFixture fixture)
{
    private static readonly RgbImage Grey = new(4, 4, Enumerable.Repeat((byte)128, 4 * 4 * 3).ToArray());

    private ImageClassifierTrainer Trainer => new(fixture.Network, Options.Create(new ClassifierTrainingOptions()));

    [ObjectModelTheory]
    [InlineData(new[] { "football", "football", "football" }, "at least two classes")]
    [InlineData(new[] { "football", "football", "tennis" }, "at least 2 examples*'tennis' (1)")]
    [InlineData(new[] { "football", "football", "" }, "label of 1 to 100")]
    [InlineData(new[] { "football", "football", "ten\nnis", "tennis" }, "printable")]
    public async Task Unusable_examples_are_refused_before_any_inference(string[] labels, string message)
    {
        var examples = labels.Select(l => new LabelledImage(Grey, l)).ToList();

        var train = () => Trainer.TrainAsync("c1", "Sport", examples, CancellationToken.None);

        (await train.Should().ThrowAsync<ClassifierTrainingException>()).WithMessage($"*{message}*");
    }

    [ObjectModelFact]
    public async Task The_sport_detector_refuses_a_model_made_for_other_features()
    {
        var model = new SoftmaxClassifier("some-other-embedding", ["a", "b"], new float[480], Enumerable.Repeat(1f, 480).ToArray(), new float[960], new float[2], 2);
        var context = new DetectionContext { Classifiers = [new TrainedClassifier("c1", "Sport", ["a", "b"], model.Serialize())] };

        var detect = () => new LocalSportDetector(fixture.Network).DetectAsync(new DetectionFrame(Grey), context, CancellationToken.None).AsTask();

        (await detect.Should().ThrowAsync<ClassifierModelException>()).WithMessage("*'c1'*some-other-embedding*Retrain*");
    }

    [ObjectModelFact]
    public async Task Without_classifiers_the_sport_detector_does_not_run_the_network()
    {
        var frame = new DetectionFrame(Grey);

        var detections = await new LocalSportDetector(fixture.Network).DetectAsync(frame, DetectionContext.Empty, CancellationToken.None);

        detections.Should().BeEmpty();
        var sentinel = new ObjectNetworkOutput([], []);
        (await frame.SharedAsync(CenterNetNetwork.SharedKey, _ => Task.FromResult(sentinel), CancellationToken.None)).Should().BeSameAs(sentinel);
    }
}
