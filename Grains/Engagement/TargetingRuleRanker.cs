using System.Globalization;

namespace Glance.Grains.Engagement;

/// <summary>
/// The static rules: highest priority first, then the instrument matching more of the context, then the higher bid,
/// then the smaller id, so that the same request always gets the same answer (propensity 1).
/// </summary>
public sealed class TargetingRuleRanker : IInstrumentRanker
{
    public const string Name = "targeting-rules";

    public ValueTask<RankedChoice> ChooseAsync(RankingContext context, IReadOnlyList<RankingCandidate> candidates, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Choose(candidates));

    public static RankedChoice Choose(IReadOnlyList<RankingCandidate> candidates)
    {
        var best = candidates[Best(candidates)];
        var definition = best.Instrument.Definition;
        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"priority {definition.Priority}, {best.Matched.Count} context match(es), bid {definition.Bid:0.####}; best of {candidates.Count} by the targeting rules");
        return new RankedChoice(best, 1, reason, Name);
    }

    /// <summary>The index of the rules' pick, without the reason a <see cref="RankedChoice"/> carries (the learner only needs to know which).</summary>
    public static int Best(IReadOnlyList<RankingCandidate> candidates)
    {
        ArgumentOutOfRangeException.ThrowIfZero(candidates.Count);
        var best = 0;
        for (var i = 1; i < candidates.Count; i++)
        {
            if (Compare(candidates[i], candidates[best]) < 0)
            {
                best = i;
            }
        }

        return best;
    }

    private static int Compare(RankingCandidate x, RankingCandidate y)
    {
        var order = y.Instrument.Definition.Priority.CompareTo(x.Instrument.Definition.Priority);
        if (order == 0)
        {
            order = y.Matched.Count.CompareTo(x.Matched.Count);
        }

        if (order == 0)
        {
            order = y.Instrument.Definition.Bid.CompareTo(x.Instrument.Definition.Bid);
        }

        return order != 0 ? order : string.CompareOrdinal(x.Instrument.Id, y.Instrument.Id);
    }
}
