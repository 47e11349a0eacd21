namespace Glance.Grains.Interfaces.Engagement;

/// <summary>How viewers responded to an event's instruments: counts per instrument, poll results and quiz scores.</summary>
/// <param name="QuizScores">The best scorers (correct answers to trivia and quiz questions), best first.</param>
/// <param name="UnscoredEngagements">
/// Engagements counted in <paramref name="Instruments"/> but not in any quiz score, and without repeat detection: the
/// tally keeps at most Engagement:MaxScoredViewersPerEvent viewers, and these came from viewers beyond it. 0 normally.
/// </param>
[GenerateSerializer, Immutable]
public sealed record EngagementResults(string EventId, IReadOnlyList<InstrumentResult> Instruments, IReadOnlyList<QuizScore> QuizScores, int ScoredViewers, long UnscoredEngagements = 0);

/// <param name="Votes">For a poll: votes per option, in the options' order.</param>
[GenerateSerializer, Immutable]
public sealed record InstrumentResult(
    string InstrumentId,
    long Impressions,
    long Clicks,
    long Dismissals,
    long Purchases,
    long Answers,
    long CorrectAnswers,
    IReadOnlyList<long> Votes);

[GenerateSerializer, Immutable]
public sealed record QuizScore(string ViewerId, int Answered, int Correct);
