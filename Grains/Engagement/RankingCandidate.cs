namespace Glance.Grains.Engagement;

/// <summary>An instrument that may be shown now (validity, caps, spacing and targeting passed) and the context entities it matched.</summary>
public sealed record RankingCandidate(InstrumentView Instrument, IReadOnlyList<ContextEntity> Matched);
