namespace Glance.Detection.Local.Classifiers;

/// <param name="Classifier">Ready to store and put in a <see cref="DetectionContext"/>.</param>
/// <param name="TrainingAccuracy">Share of the training examples the model classifies correctly (an optimistic figure; hold out examples for a real one).</param>
/// <param name="ExamplesPerClass">How many examples each class had.</param>
public sealed record ClassifierTrainingResult(TrainedClassifier Classifier, double TrainingAccuracy, IReadOnlyDictionary<string, int> ExamplesPerClass);
