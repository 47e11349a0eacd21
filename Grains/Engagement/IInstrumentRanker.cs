namespace Glance.Grains.Engagement;

/// <summary>
/// Picks one instrument among the candidates that passed validity, caps, spacing and targeting: those always win, so
/// a ranker (the targeting rules now, a learner later) never sees an instrument that may not be shown.
/// </summary>
public interface IInstrumentRanker
{
    /// <summary>Logged with every decision it makes.</summary>
    string Name { get; }

    /// <param name="candidates">At least one.</param>
    RankedChoice Choose(RankingContext context, IReadOnlyList<RankingCandidate> candidates);
}
