using Glance.Grains.Common;
using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Engagement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace Glance.Grains.Engagement;

[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class EngagementTallyState
{
    public SortedDictionary<string, InstrumentTally> Instruments { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, ViewerTally> Viewers { get; set; } = new(StringComparer.Ordinal);
}

[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class InstrumentTally
{
    public long Impressions { get; set; }

    public long Clicks { get; set; }

    public long Dismissals { get; set; }

    public long Purchases { get; set; }

    public long Answers { get; set; }

    public long CorrectAnswers { get; set; }

    public List<long> Votes { get; set; } = [];
}

/// <summary>A viewer's quiz score in the event, and the last of their engagements counted (repeats are recognised by it).</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class ViewerTally
{
    public long LastSequence { get; set; }

    public int Answered { get; set; }

    public int Correct { get; set; }
}

/// <summary>An event's engagement counts: poll results, answers and quiz scores, impressions, clicks, purchases.</summary>
[GrainType("engagement-tally")]
public sealed partial class EngagementTallyGrain(
    [PersistentState("tally")] IPersistentState<EngagementTallyState> tally,
    IOptions<EngagementOptions> options,
    ILogger<EngagementTallyGrain> logger) : Grain, IEngagementTallyGrain
{
    public async Task RecordAsync(string viewerId, EngagementReceipt receipt, int optionCount, CancellationToken cancellationToken = default)
    {
        if (tally.State.Viewers.TryGetValue(viewerId, out var seen) && receipt.Sequence <= seen.LastSequence)
        {
            return;
        }

        var tracked = seen is not null || tally.State.Viewers.Count < options.Value.MaxScoredViewersPerEvent;
        if (!tracked)
        {
            LogUntrackedViewer(logger, this.GetPrimaryKeyString(), options.Value.MaxScoredViewersPerEvent);
        }

        await tally.UpdateOrForgetAsync(s => Apply(s, viewerId, receipt, optionCount, tracked), DeactivateOnIdle, cancellationToken);
    }

    public Task<EngagementResults> GetResultsAsync(int topScores, CancellationToken cancellationToken = default)
    {
        var state = tally.State;
        var instruments = state.Instruments
            .Select(i => new InstrumentResult(i.Key, i.Value.Impressions, i.Value.Clicks, i.Value.Dismissals, i.Value.Purchases, i.Value.Answers, i.Value.CorrectAnswers, [.. i.Value.Votes]))
            .ToList();
        var scores = state.Viewers
            .Where(v => v.Value.Answered > 0)
            .OrderByDescending(v => v.Value.Correct).ThenBy(v => v.Value.Answered).ThenBy(v => v.Key, StringComparer.Ordinal)
            .Take(topScores)
            .Select(v => new QuizScore(v.Key, v.Value.Answered, v.Value.Correct))
            .ToList();
        return Task.FromResult(new EngagementResults(ResourceId.Unscope(this.GetPrimaryKeyString()).Id, instruments, scores, state.Viewers.Count(v => v.Value.Answered > 0)));
    }

    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        await tally.ClearStateAsync(cancellationToken);
        tally.State = new EngagementTallyState();
    }

    /// <summary>Pure in the state it is given (it may run again on a reloaded state after a write conflict).</summary>
    private static EngagementTallyState Apply(EngagementTallyState state, string viewerId, EngagementReceipt receipt, int optionCount, bool tracked)
    {
        ViewerTally? viewer = null;
        if (tracked)
        {
            if (!state.Viewers.TryGetValue(viewerId, out viewer))
            {
                viewer = state.Viewers[viewerId] = new ViewerTally();
            }

            if (receipt.Sequence <= viewer.LastSequence)
            {
                return state;
            }

            viewer.LastSequence = receipt.Sequence;
        }

        if (!state.Instruments.TryGetValue(receipt.InstrumentId, out var counts))
        {
            counts = state.Instruments[receipt.InstrumentId] = new InstrumentTally();
        }

        switch (receipt.Type)
        {
            case EngagementType.Impression:
                counts.Impressions++;
                break;
            case EngagementType.Click:
                counts.Clicks++;
                break;
            case EngagementType.Dismiss:
                counts.Dismissals++;
                break;
            case EngagementType.Purchase:
                counts.Purchases++;
                break;
            case EngagementType.Answer:
                counts.Answers++;
                counts.CorrectAnswers += receipt.Correct == true ? 1 : 0;
                if (viewer is not null)
                {
                    viewer.Answered++;
                    viewer.Correct += receipt.Correct == true ? 1 : 0;
                }

                break;
            case EngagementType.Vote when receipt.Choice is { } option && option < optionCount:
                while (counts.Votes.Count < optionCount)
                {
                    counts.Votes.Add(0);
                }

                counts.Votes[option]++;
                break;
        }

        return state;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Engagement tally {Tally} keeps {Limit} viewers, the most allowed: a new viewer's engagement is counted without their quiz score or repeat detection")]
    private static partial void LogUntrackedViewer(ILogger logger, string tally, int limit);
}
