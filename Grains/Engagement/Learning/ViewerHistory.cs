namespace Glance.Grains.Engagement.Learning;

/// <summary>Aggregates of a viewer's recent decisions (their bounded history): how many of each kind were served and how many of those were rewarded.</summary>
/// <param name="Served">By <see cref="InstrumentKind"/> as an index.</param>
/// <param name="Rewarded">By <see cref="InstrumentKind"/> as an index: decisions with a click, answer, vote or purchase.</param>
public sealed record ViewerHistory(IReadOnlyList<int> Served, IReadOnlyList<int> Rewarded)
{
    public static readonly int Kinds = Enum.GetValues<InstrumentKind>().Length;

    public static ViewerHistory Empty { get; } = new(new int[Kinds], new int[Kinds]);

    public int TotalServed => Served.Sum();

    public int TotalRewarded => Rewarded.Sum();

    public static bool IsReward(EngagementType type) => type is EngagementType.Click or EngagementType.Answer or EngagementType.Vote or EngagementType.Purchase;
}
