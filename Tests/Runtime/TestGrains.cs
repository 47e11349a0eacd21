using System.Collections.Concurrent;
using Glance.Runtime;
using Glance.Runtime.Reminders;
using Glance.Runtime.State;
using Glance.Runtime.Streams;

namespace Glance.Tests.Runtime;

// Grains used by the runtime tests. Observations that must outlive an activation (or a runtime) go to static
// dictionaries keyed by grain key; each test uses fresh keys.

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    Task<int> MaxConcurrencySeenAsync();

    ValueTask<int> CountAsync();

    Task EmptyAsync();

    Task ThrowAsync(Exception exception);

    Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken);

    [AlwaysInterleave]
    Task<int> PeekAsync();

    Task<Guid> ActivationIdAsync();

    Task DeactivateAsync();
}

public sealed class CounterGrain : Grain, ICounterGrain
{
    private readonly Guid activationId = Guid.NewGuid();
    private int count;
    private int inside;
    private int maxInside;

    public async Task<int> IncrementAsync()
    {
        var now = Interlocked.Increment(ref inside);
        maxInside = Math.Max(maxInside, now);
        await Task.Yield(); // give another call every chance to slip in if turns were not exclusive
        count++;
        Interlocked.Decrement(ref inside);
        return count;
    }

    public Task<int> MaxConcurrencySeenAsync() => Task.FromResult(maxInside);

    public ValueTask<int> CountAsync() => ValueTask.FromResult(count);

    public Task EmptyAsync() => Task.CompletedTask;

    public Task ThrowAsync(Exception exception) => throw exception;

    public Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, cancellationToken);

    public Task<int> PeekAsync() => Task.FromResult(Volatile.Read(ref count));

    public Task<Guid> ActivationIdAsync() => Task.FromResult(activationId);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

public interface IRendezvousGrain : IGrainWithStringKey
{
    /// <summary>Signals arrival, then waits (bounded) for the partner to arrive too.</summary>
    Task<bool> MeetAsync(TaskCompletionSource mine, Task partner);
}

public sealed class RendezvousGrain : Grain, IRendezvousGrain
{
    public async Task<bool> MeetAsync(TaskCompletionSource mine, Task partner)
    {
        mine.TrySetResult();
        var finished = await Task.WhenAny(partner, Task.Delay(TimeSpan.FromSeconds(10)));
        return finished == partner;
    }
}

public sealed class ProfileState
{
    public string Name { get; set; } = string.Empty;

    public int Version { get; set; }

    public List<string> Tags { get; set; } = [];
}

public interface IProfileGrain : IGrainWithStringKey
{
    Task SetNameAsync(string name);

    Task<string> GetNameAsync();

    Task<Guid> ActivationIdAsync();

    Task DeactivateAsync();

    /// <summary>Writes through the update helper (reload + reapply on conflict).</summary>
    Task AddTagAsync(string tag);

    /// <summary>Writes without the helper: a stale ETag surfaces as an exception.</summary>
    Task AddTagBlindlyAsync(string tag);

    Task<List<string>> TagsAsync();
}

[GrainType("test-profile")]
public sealed class ProfileGrain([PersistentState("profile")] IPersistentState<ProfileState> profile) : Grain, IProfileGrain
{
    public static readonly ConcurrentDictionary<string, int> Deactivations = new();
    private readonly Guid activationId = Guid.NewGuid();

    public async Task SetNameAsync(string name)
    {
        profile.State.Name = name;
        profile.State.Version++;
        await profile.WriteStateAsync();
    }

    public Task<string> GetNameAsync() => Task.FromResult(profile.State.Name);

    public Task<Guid> ActivationIdAsync() => Task.FromResult(activationId);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task AddTagAsync(string tag) =>
        profile.UpdateAsync(s => new ProfileState { Name = s.Name, Version = s.Version + 1, Tags = [.. s.Tags, tag] });

    public async Task AddTagBlindlyAsync(string tag)
    {
        profile.State.Tags.Add(tag);
        await profile.WriteStateAsync();
    }

    public Task<List<string>> TagsAsync() => Task.FromResult(profile.State.Tags.ToList());

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Deactivations.AddOrUpdate(GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

public interface ITickerGrain : IGrainWithStringKey
{
    Task StartTimerAsync(TimeSpan period);

    Task StartReminderAsync(TimeSpan dueTime, TimeSpan period);

    Task StopReminderAsync();

    Task DeactivateAsync();
}

public sealed class TickerGrain : Grain, ITickerGrain, IRemindable
{
    public static readonly ConcurrentDictionary<string, int> TimerTicks = new();
    public static readonly ConcurrentDictionary<string, ConcurrentQueue<TickStatus>> ReminderTicks = new();

    public Task StartTimerAsync(TimeSpan period)
    {
        RegisterGrainTimer(
            _ =>
            {
                TimerTicks.AddOrUpdate(GetPrimaryKeyString(), 1, (_, n) => n + 1);
                return Task.CompletedTask;
            },
            period,
            period);
        return Task.CompletedTask;
    }

    public Task StartReminderAsync(TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder("tick", dueTime, period);

    public async Task StopReminderAsync()
    {
        if (await GetReminder("tick") is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ReminderTicks.GetOrAdd(GetPrimaryKeyString(), _ => new ConcurrentQueue<TickStatus>()).Enqueue(status);
        return Task.CompletedTask;
    }
}

public interface INumberSinkGrain : IGrainWithStringKey
{
    Task<List<int>> ReceivedAsync();
}

/// <summary>Implicitly subscribed to every "numbers" stream whose key is this grain's key.</summary>
[ImplicitStreamSubscription("numbers")]
public sealed class NumberSinkGrain : Grain, INumberSinkGrain
{
    private readonly List<int> received = [];
    private int inside;

    public static ConcurrentDictionary<string, int> Overlaps { get; } = new();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await GetStreamProvider("default").GetStream<int>(StreamId.Create("numbers", GetPrimaryKeyString())).SubscribeAsync(async n =>
        {
            if (Interlocked.Increment(ref inside) > 1)
            {
                Overlaps.AddOrUpdate(GetPrimaryKeyString(), 1, (_, c) => c + 1);
            }

            await Task.Yield();
            received.Add(n);
            Interlocked.Decrement(ref inside);
        });
    }

    public Task<List<int>> ReceivedAsync() => Task.FromResult(received.ToList());
}

public interface IFailingActivationGrain : IGrainWithStringKey
{
    Task PingAsync();
}

public sealed class FailingActivationGrain : Grain, IFailingActivationGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("activation refused for " + GetPrimaryKeyString());

    public Task PingAsync() => Task.CompletedTask;
}
