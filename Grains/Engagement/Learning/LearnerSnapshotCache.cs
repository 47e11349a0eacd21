using System.Collections.Concurrent;
namespace Glance.Grains.Engagement.Learning;

/// <summary>
/// Each silo's copy of the event models. A decision reads the cached immutable snapshot; when it is older than
/// <see cref="LearningOptions.SnapshotRefresh"/> one background call asks the learner for a newer one, so thousands of
/// decisions a second never queue on the one learner grain of a busy event. Only a silo's first decision for an event
/// waits for the model.
/// </summary>
public sealed partial class LearnerSnapshotCache(IGrainFactory grains, IOptions<LearningOptions> options, TimeProvider clock, ILogger<LearnerSnapshotCache> logger)
{
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <param name="eventKey">"tenant/event".</param>
    /// <returns>The model as last fetched; null while the event's learner has never been asked or could not answer.</returns>
    public async ValueTask<LearnerSnapshot?> GetAsync(string eventKey, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (entries.TryGetValue(eventKey, out var entry))
        {
            if (now - entry.FetchedAt >= options.Value.SnapshotRefresh && Interlocked.CompareExchange(ref entry.Refreshing, 1, 0) == 0)
            {
                // Off the caller's scheduler: a grain's turn must not carry the refresh with it.
                _ = Task.Run(() => RefreshAsync(eventKey, entry), CancellationToken.None);
            }

            return entry.Snapshot;
        }

        var fresh = new Entry { FetchedAt = now, Refreshing = 1 };
        if (!entries.TryAdd(eventKey, fresh))
        {
            return entries.TryGetValue(eventKey, out var raced) ? raced.Snapshot : null;
        }

        Trim();
        await RefreshAsync(eventKey, fresh).WaitAsync(cancellationToken);
        return fresh.Snapshot;
    }

    /// <summary>Drops a model, so the next decision fetches it again (the event was deleted).</summary>
    public void Forget(string eventKey) => entries.TryRemove(eventKey, out _);

    private async Task RefreshAsync(string eventKey, Entry entry)
    {
        try
        {
            using var timeout = new CancellationTokenSource(FetchTimeout);
            var newer = await grains.GetGrainByKey<IInstrumentLearnerGrain>(eventKey).GetSnapshotAsync(entry.Snapshot?.Generation ?? Guid.Empty, entry.Snapshot?.Version ?? -1, timeout.Token);
            if (newer is not null)
            {
                entry.Snapshot = newer;
            }
        }
        catch (Exception e)
        {
            // Decisions go on with the model they have (or the rules); the next stale read tries again.
            LogRefreshFailed(logger, eventKey, e);
        }
        finally
        {
            entry.FetchedAt = clock.GetUtcNow();
            Volatile.Write(ref entry.Refreshing, 0);
        }
    }

    private void Trim()
    {
        var max = options.Value.MaxCachedModels;
        if (entries.Count <= max)
        {
            return;
        }

        foreach (var oldest in entries.OrderBy(e => e.Value.FetchedAt).Take(entries.Count - max).ToList())
        {
            entries.TryRemove(oldest.Key, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the learned model of {Event}; decisions use the cached one")]
    private static partial void LogRefreshFailed(ILogger logger, string @event, Exception exception);

    private sealed class Entry
    {
        public volatile LearnerSnapshot? Snapshot;
        public int Refreshing;

        private long fetchedAtTicks;

        public DateTimeOffset FetchedAt
        {
            get => new(Interlocked.Read(ref fetchedAtTicks), TimeSpan.Zero);
            set => Interlocked.Exchange(ref fetchedAtTicks, value.UtcTicks);
        }
    }
}
