using Orleans;
using Orleans.Runtime;

namespace Glance.Tests.Storage;

/// <summary>A grain that persists a counter through the default grain storage and keeps reminders, to run our providers inside real silos.</summary>
public interface IProviderTestGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<int> Get();

    Task Remind(string name);

    Task<bool> HasReminder(string name);
}

[GenerateSerializer]
public sealed class ProviderTestState
{
    [Id(0)]
    public int Count { get; set; }
}

public sealed class ProviderTestGrain([PersistentState("counter")] IPersistentState<ProviderTestState> counter) : Grain, IProviderTestGrain, IRemindable
{
    public async Task<int> Increment()
    {
        counter.State.Count++;
        await counter.WriteStateAsync();
        return counter.State.Count;
    }

    public Task<int> Get() => Task.FromResult(counter.State.Count);

    // A due time far away: the test checks that the reminder is kept, not that it fires.
    public Task Remind(string name) => this.RegisterOrUpdateReminder(name, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    public async Task<bool> HasReminder(string name) => await this.GetReminder(name) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
