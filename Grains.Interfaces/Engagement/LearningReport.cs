namespace Glance.Grains.Interfaces.Engagement;

/// <summary>
/// An event's learner: what each instrument learned from, and offline estimates from the logged decisions of the
/// reward rate other policies would have had (inverse propensity scoring, plain and self-normalized).
/// </summary>
/// <param name="Resolved">Learner decisions whose reward is known (a reward, a dismissal, or an impression whose attribution window closed).</param>
/// <param name="RewardRate">Rewards per resolved decision of the logging policy itself (the learner with exploration).</param>
/// <param name="Pending">Impressions waiting for a reward within their attribution window (kept in memory only).</param>
/// <param name="SavedVersion">The model version last written to grain storage.</param>
[GenerateSerializer, Immutable, Alias("glance.engagement.learning-report")]
public sealed record LearningReport(
    string EventId,
    long Version,
    long SavedVersion,
    long Resolved,
    double? RewardRate,
    int Pending,
    IReadOnlyList<PolicyEstimate> Estimates,
    IReadOnlyList<ArmReport> Arms);

/// <summary>The estimated reward rate of a policy from the learner's logged decisions.</summary>
/// <param name="Policy">targeting-rules, uniform-random or greedy (the learner without exploration, as it was at each decision).</param>
/// <param name="Ips">Inverse propensity scoring: the mean of reward x (target probability / logged propensity).</param>
/// <param name="SelfNormalized">The same weights normalized by their sum: less variance, slightly biased.</param>
[GenerateSerializer, Immutable, Alias("glance.engagement.policy-estimate")]
public sealed record PolicyEstimate(
    string Policy,
    double? Ips,
    double? SelfNormalized);

/// <summary>One instrument's arm: how much it learned from and its observed reward rate.</summary>
[GenerateSerializer, Immutable, Alias("glance.engagement.arm-report")]
public sealed record ArmReport(
    string InstrumentId,
    long Updates,
    long Rewards,
    bool Warm,
    DateTimeOffset LastUpdated);
