namespace Glance.Detection.Local.Classifiers;

/// <summary>Softmax regression settings. The defaults suit a few to a few hundred examples per class.</summary>
public sealed record ClassifierTrainingOptions
{
    /// <summary>L2 penalty on the weights (keeps a small training set from being fitted to the last pixel).</summary>
    public float L2 { get; init; } = 1e-2f;

    /// <summary>Full-batch gradient steps (accelerated); training is deterministic for given examples.</summary>
    public int Iterations { get; init; } = 300;

    public int MaxClasses { get; init; } = 50;

    public int MaxExamples { get; init; } = 5_000;

    public int MinExamplesPerClass { get; init; } = 2;

    public int MaxLabelLength { get; init; } = 100;
}
