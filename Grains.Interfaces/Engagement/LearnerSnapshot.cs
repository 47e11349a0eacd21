namespace Glance.Grains.Interfaces.Engagement;

/// <summary>
/// An immutable copy of an event's learned model that every silo caches, so that decisions score instruments locally
/// instead of calling the one learner grain each time. Nothing in it is ever changed after it is built.
/// </summary>
/// <param name="Version">Grows with every update the learner applies.</param>
/// <param name="Arms">By instrument id.</param>
/// <param name="Generation">
/// Which model the version counts in: a cleared model starts again at version 0 under a new generation, so a silo holding
/// the old model at the very version the new one has reached still sees that it is stale.
/// </param>
[GenerateSerializer, Immutable, Alias("glance.engagement.learner-snapshot")]
public sealed record LearnerSnapshot(
    long Version,
    int Dimension,
    IReadOnlyDictionary<string, ArmSnapshot> Arms,
    Guid Generation);

/// <summary>One instrument's linear model: the ridge estimate and the inverse of its design matrix (row-major).</summary>
/// <param name="Updates">Rewards (0 or 1) it learned from.</param>
[GenerateSerializer, Immutable, Alias("glance.engagement.arm-snapshot")]
public sealed record ArmSnapshot(
    long Updates,
    IReadOnlyList<double> Theta,
    IReadOnlyList<double> InverseDesign);
