namespace Glance.Grains.Engagement;

[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class EngagementTallyState
{
    public SortedDictionary<string, InstrumentTally> Instruments { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, ViewerTally> Viewers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Engagements counted without a quiz score or repeat detection, because <see cref="Viewers"/> was full.</summary>
    public long UnscoredEngagements { get; set; }
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

/// <summary>
/// An event's engagement counts: poll results, answers and quiz scores, impressions, clicks, purchases. A count is
/// answered only once it is written, but the engagements that arrive while a write is out share the next one (group
/// commit): the state holds every scored viewer, so a write per engagement would cost the event's whole audience each
/// time, and one event's tally serves all its viewers.
/// </summary>
[GrainType("engagement-tally")]
public sealed partial class EngagementTallyGrain(
    [PersistentState("tally")] IPersistentState<EngagementTallyState> tally,
    IOptions<EngagementOptions> options,
    ILogger<EngagementTallyGrain> logger) : Grain, IEngagementTallyGrain
{
    /// <summary>Completes when the write in flight has (null: none is).</summary>
    private TaskCompletionSource? inFlight;

    /// <summary>Completes when the changes applied since <see cref="inFlight"/> started are written.</summary>
    private TaskCompletionSource? queued;

    private Task? writer;
    private Task? clearing;

    /// <summary>A write failed: the memory holds counts nobody was told are kept; the activation goes and the next reloads.</summary>
    private bool forgetting;

    private bool warnedFull;

    public async Task RecordAsync(string viewerId, EngagementReceipt receipt, int optionCount, CancellationToken cancellationToken = default)
    {
        while (clearing is { } clear)
        {
            await clear;
        }

        if (forgetting)
        {
            throw new InvalidOperationException("The event's tally could not write its counts and is reloading; retry the engagement.");
        }

        var state = tally.State;
        if (state.Viewers.TryGetValue(viewerId, out var seen) && receipt.Sequence <= seen.LastSequence)
        {
            // Counted before; the write that keeps it may still be on its way, and the repeat is answered after it.
            await WrittenAsync();
            return;
        }

        var tracked = seen is not null || state.Viewers.Count < options.Value.MaxScoredViewersPerEvent;
        if (!tracked && !warnedFull)
        {
            warnedFull = true;
            LogUntrackedViewer(logger, this.GetPrimaryKeyString(), options.Value.MaxScoredViewersPerEvent);
        }

        Apply(state, viewerId, receipt, optionCount, tracked);
        await CommitAsync();
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
        return Task.FromResult(new EngagementResults(ResourceId.Unscope(this.GetPrimaryKeyString()).Id, instruments, scores, state.Viewers.Count(v => v.Value.Answered > 0), state.UnscoredEngagements));
    }

    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        var cleared = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        clearing = cleared.Task;
        try
        {
            // Engagements arriving meanwhile wait for the clear; the writes already out finish first (one writer at a time).
            if (writer is { } running)
            {
                await running;
            }

            await tally.ClearStateAsync(cancellationToken);
            tally.State = new EngagementTallyState();
        }
        finally
        {
            clearing = null;
            cleared.SetResult();
        }
    }

    /// <returns>Completes when a write that starts after the changes applied so far has finished.</returns>
    private Task CommitAsync()
    {
        queued ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = queued.Task;
        if (writer is not { IsCompleted: false })
        {
            writer = WriteQueuedAsync();
        }

        return done;
    }

    private Task WrittenAsync() => queued?.Task ?? inFlight?.Task ?? Task.CompletedTask;

    /// <summary>One write at a time (they share the state's ETag); each takes every change queued while the last was out.</summary>
    private async Task WriteQueuedAsync()
    {
        while (queued is { } batch && !forgetting)
        {
            queued = null;
            inFlight = batch;
            try
            {
                // Not the caller's token: the batch is many callers' engagements.
                await tally.WriteStateAsync(CancellationToken.None);
                batch.SetResult();
            }
            catch (Exception e)
            {
                forgetting = true;
                DeactivateOnIdle();
                batch.SetException(e);
                queued?.SetException(e);
                queued = null;
            }
            finally
            {
                inFlight = null;
            }
        }
    }

    private static void Apply(EngagementTallyState state, string viewerId, EngagementReceipt receipt, int optionCount, bool tracked)
    {
        ViewerTally? viewer = null;
        if (tracked)
        {
            if (!state.Viewers.TryGetValue(viewerId, out viewer))
            {
                viewer = state.Viewers[viewerId] = new ViewerTally();
            }

            viewer.LastSequence = receipt.Sequence;
        }
        else
        {
            state.UnscoredEngagements++;
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
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Engagement tally {Tally} keeps {Limit} viewers, the most allowed: new viewers' engagements are counted without their quiz score or repeat detection (the results' unscoredEngagements says how many)")]
    private static partial void LogUntrackedViewer(ILogger logger, string tally, int limit);
}
