using System.Globalization;
using Glance.Runtime.Activation;
using Glance.Runtime.State;
using Glance.Storage;
using Microsoft.Extensions.Logging;

namespace Glance.Runtime.Reminders;

/// <summary>
/// Durable reminders. Each reminder lives in one of N shards, a grain-state row in the state store; each shard is
/// fired by whichever silo holds its lease, so a reminder keeps firing after a restart and after a silo dies.
/// </summary>
public sealed partial class ReminderService : IAsyncDisposable
{
    private const string StateType = "system.reminders";
    private readonly GrainRuntime runtime;
    private readonly IStorageProvider storage;
    private readonly ReminderOptions options;
    private readonly ILogger logger;
    private readonly Dictionary<int, OwnedShard> owned = [];
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stopping = new();
    private Task? refreshLoop;

    internal ReminderService(GrainRuntime runtime, IStorageProvider storage, ReminderOptions options, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Shards, 1);
        this.runtime = runtime;
        this.storage = storage;
        this.options = options;
        this.logger = logger;
    }

    private TimeProvider Clock => runtime.Clock;

    /// <summary>Claims shards and schedules their reminders, then keeps doing so in the background.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        refreshLoop = RefreshLoopAsync(stopping.Token);
    }

    public async Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grain, string name, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        if (period < options.MinimumPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"A reminder period must be at least {options.MinimumPeriod}.");
        }

        var entry = new ReminderEntry(grain.Type, grain.Key, name, Clock.GetUtcNow() + dueTime, period);
        await UpdateShardAsync(grain, list => [.. list.Where(r => !Same(r, grain, name)), entry], cancellationToken).ConfigureAwait(false);
        return entry;
    }

    public Task UnregisterAsync(GrainId grain, string name, CancellationToken cancellationToken) =>
        UpdateShardAsync(grain, list => [.. list.Where(r => !Same(r, grain, name))], cancellationToken);

    public async Task<IGrainReminder?> GetAsync(GrainId grain, string name, CancellationToken cancellationToken)
    {
        var state = await ReadShardAsync(ShardOf(grain), cancellationToken).ConfigureAwait(false);
        return state.State.Reminders.FirstOrDefault(r => Same(r, grain, name));
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        if (refreshLoop is not null)
        {
            await refreshLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        List<OwnedShard> shards;
        lock (gate)
        {
            shards = [.. owned.Values];
            owned.Clear();
        }

        foreach (var shard in shards)
        {
            shard.Dispose();
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await storage.Leases.ReleaseAsync(shard.Lease, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                LogLeaseReleaseFailed(logger, e, shard.Index);
            }
        }

        stopping.Dispose();
    }

    /// <summary>Stable across processes and .NET versions, unlike string.GetHashCode.</summary>
    internal int ShardOf(GrainId grain)
    {
        var hash = 2166136261u;
        foreach (var c in grain.ToString())
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)options.Shards);
    }

    private static bool Same(ReminderEntry entry, GrainId grain, string name) =>
        entry.GrainType == grain.Type && entry.GrainKey == grain.Key && entry.Name == name;

    private static string ShardKey(int shard) => "shard-" + shard.ToString(CultureInfo.InvariantCulture);

    private async Task<PersistentState<ReminderShardState>> ReadShardAsync(int shard, CancellationToken cancellationToken)
    {
        var state = new PersistentState<ReminderShardState>(storage.GrainState, StateType, ShardKey(shard));
        await state.ReadStateAsync(cancellationToken).ConfigureAwait(false);
        return state;
    }

    private async Task UpdateShardAsync(GrainId grain, Func<List<ReminderEntry>, List<ReminderEntry>> change, CancellationToken cancellationToken)
    {
        var shard = ShardOf(grain);
        var state = await ReadShardAsync(shard, cancellationToken).ConfigureAwait(false);
        var updated = await state.UpdateAsync(s => new ReminderShardState { Reminders = change(s.Reminders) }, cancellationToken, maxAttempts: 10).ConfigureAwait(false);
        OwnedShard? local;
        lock (gate)
        {
            owned.TryGetValue(shard, out local);
        }

        local?.Reconcile(updated.Reminders, catchUp: false);
    }

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        using var ticker = new PeriodicTimer(options.RefreshInterval, Clock);
        try
        {
            while (await ticker.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await RefreshAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRefreshFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        for (var shard = 0; shard < options.Shards; shard++)
        {
            OwnedShard? current;
            lock (gate)
            {
                owned.TryGetValue(shard, out current);
            }

            var resource = "reminders/" + ShardKey(shard);
            var lease = current is null
                ? await storage.Leases.TryAcquireAsync(resource, runtime.SiloName, options.LeaseDuration, cancellationToken).ConfigureAwait(false)
                : await storage.Leases.RenewAsync(current.Lease, options.LeaseDuration, cancellationToken).ConfigureAwait(false);
            if (lease is null)
            {
                if (current is not null)
                {
                    LogShardLost(logger, shard);
                    lock (gate)
                    {
                        owned.Remove(shard);
                    }

                    current.Dispose();
                }

                continue;
            }

            var takenOver = current is null;
            if (current is null)
            {
                current = new OwnedShard(this, shard, lease);
                lock (gate)
                {
                    owned[shard] = current;
                }
            }
            else
            {
                current.Lease = lease;
            }

            var state = await ReadShardAsync(shard, cancellationToken).ConfigureAwait(false);
            current.Reconcile(state.State.Reminders, catchUp: takenOver);
        }
    }

    private async Task FireAsync(ReminderEntry entry, DateTimeOffset tickTime)
    {
        var status = new TickStatus(entry.FirstTick, entry.Period, tickTime);
        try
        {
            await runtime.RunSystemTurnAsync(
                entry.GrainId,
                grain => grain is IRemindable remindable
                    ? remindable.ReceiveReminder(entry.Name, status)
                    : throw new InvalidOperationException($"{grain.GetType().Name} registered a reminder but does not implement IRemindable."),
                "reminder " + entry.Name,
                keepsAlive: true).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogTickFailed(logger, e, entry.Name, entry.GrainId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {ReminderName} of {GrainId} failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception, string reminderName, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing reminder shards failed; retrying at the next interval")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the lease of reminder shard {Shard}; another silo fires it now")]
    private static partial void LogShardLost(ILogger logger, int shard);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Releasing the lease of reminder shard {Shard} failed; it will expire")]
    private static partial void LogLeaseReleaseFailed(ILogger logger, Exception exception, int shard);

    /// <summary>A shard this silo fires: one timer per reminder, armed for its next tick.</summary>
    private sealed class OwnedShard(ReminderService service, int index, Lease lease) : IDisposable
    {
        private readonly Dictionary<(GrainId Grain, string Name), Scheduled> scheduled = [];
        private readonly Lock gate = new();
        private bool disposed;

        public int Index { get; } = index;

        public Lease Lease { get; set; } = lease;

        /// <param name="catchUp">
        /// This silo just took the shard (it started, or the previous owner died): fire each reminder once now, since
        /// its ticks may have been missed while no silo owned the shard, then follow the schedule.
        /// </param>
        public void Reconcile(IReadOnlyList<ReminderEntry> entries, bool catchUp)
        {
            lock (gate)
            {
                if (disposed)
                {
                    return;
                }

                var wanted = entries.ToDictionary(e => (e.GrainId, e.Name));
                foreach (var (key, existing) in scheduled.ToList())
                {
                    if (!wanted.TryGetValue(key, out var entry) || entry != existing.Entry)
                    {
                        existing.Dispose();
                        scheduled.Remove(key);
                    }
                }

                foreach (var (key, entry) in wanted)
                {
                    if (!scheduled.ContainsKey(key))
                    {
                        scheduled[key] = new Scheduled(service, entry, catchUp);
                    }
                }
            }
        }

        public void Dispose()
        {
            lock (gate)
            {
                disposed = true;
                foreach (var item in scheduled.Values)
                {
                    item.Dispose();
                }

                scheduled.Clear();
            }
        }
    }

    /// <summary>One reminder's timer. The next tick is armed after the grain handled the current one.</summary>
    private sealed class Scheduled : IDisposable
    {
        private readonly ReminderService service;
        private readonly ITimer timer;
        private DateTimeOffset nextTick;
        private volatile bool disposed;

        public Scheduled(ReminderService service, ReminderEntry entry, bool catchUp)
        {
            this.service = service;
            Entry = entry;
            timer = service.Clock.CreateTimer(static s => _ = ((Scheduled)s!).TickAsync(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            var now = service.Clock.GetUtcNow();
            Arm(catchUp && entry.FirstTick < now ? now : entry.NextTickAtOrAfter(now));
        }

        public ReminderEntry Entry { get; }

        public void Dispose()
        {
            disposed = true;
            timer.Dispose();
        }

        private void Arm(DateTimeOffset at)
        {
            if (disposed)
            {
                return;
            }

            nextTick = at;
            var due = at - service.Clock.GetUtcNow();
            timer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        }

        private async Task TickAsync()
        {
            if (disposed)
            {
                return;
            }

            var tick = nextTick;
            await service.FireAsync(Entry, tick).ConfigureAwait(false);
            var now = service.Clock.GetUtcNow();
            var following = Entry.NextTickAtOrAfter(tick + TimeSpan.FromTicks(1));
            Arm(following < now ? Entry.NextTickAtOrAfter(now) : following);
        }
    }
}
