namespace Glance.Storage.Memory;

/// <summary>Everything in process memory: for tests and for runs that need no durability.</summary>
public sealed class MemoryStorageProvider : IStorageProvider
{
    public string Name => "Memory";

    public IGrainStateStore GrainState { get; } = new MemoryGrainStateStore();

    public ISortedRecordStore SortedRecords { get; } = new MemorySortedRecordStore();

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CheckHealthAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
