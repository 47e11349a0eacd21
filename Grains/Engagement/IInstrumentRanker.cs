namespace Glance.Grains.Engagement;

/// <summary>
/// Picks one instrument among the candidates that passed validity, caps, spacing and targeting: those always win, so
/// a ranker (the targeting rules, the learner) never sees an instrument that may not be shown.
/// </summary>
public interface IInstrumentRanker
{
    /// <param name="candidates">At least one.</param>
    ValueTask<RankedChoice> ChooseAsync(RankingContext context, IReadOnlyList<RankingCandidate> candidates, CancellationToken cancellationToken);
}
