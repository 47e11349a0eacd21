namespace Glance.Detection.Local.Classifiers;

/// <summary>Training examples that cannot make a classifier (too few, one class only, bad labels); the message says what to fix.</summary>
public sealed class ClassifierTrainingException(string message) : Exception(message);
