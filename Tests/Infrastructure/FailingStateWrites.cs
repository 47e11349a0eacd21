using Glance.Storage;

namespace Glance.Tests.Infrastructure;

/// <summary>
/// A store whose grain-state writes for one grain type fail while <see cref="FailuresLeft"/> is above zero, as a
/// store does when it is briefly unreachable; everything else passes through.
/// </summary>
public sealed class FailingStateWrites : IStorageProvider
{
    private readonly IStorageProvider inner;
    private readonly string grainType;
    private int failuresLeft;

    public FailingStateWrites(IStorageProvider inner, string grainType)
    {
        this.inner = inner;
        this.grainType = grainType;
        GrainState = new Writes(this, inner.GrainState);
    }

    public int FailuresLeft
    {
        get => Volatile.Read(ref failuresLeft);
        set => Volatile.Write(ref failuresLeft, value);
    }

    public string Name => inner.Name;

    public IGrainStateStore GrainState { get; }

    public ISortedRecordStore SortedRecords => inner.SortedRecords;

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task CheckHealthAsync(CancellationToken cancellationToken) => inner.CheckHealthAsync(cancellationToken);

    private sealed class Writes(FailingStateWrites owner, IGrainStateStore inner) : IGrainStateStore
    {
        public Task<StoredState?> ReadAsync(string grainType, string grainKey, CancellationToken cancellationToken) =>
            inner.ReadAsync(grainType, grainKey, cancellationToken);

        public Task<string> WriteAsync(string grainType, string grainKey, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken) =>
            grainType == owner.grainType && Interlocked.Decrement(ref owner.failuresLeft) >= 0
                ? throw new TimeoutException("The store did not answer (injected).")
                : inner.WriteAsync(grainType, grainKey, data, expectedETag, cancellationToken);

        public Task ClearAsync(string grainType, string grainKey, string? expectedETag, CancellationToken cancellationToken) =>
            inner.ClearAsync(grainType, grainKey, expectedETag, cancellationToken);
    }
}
