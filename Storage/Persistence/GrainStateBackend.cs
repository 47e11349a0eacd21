namespace Glance.Storage.Persistence;

/// <summary>A grain state store with what it needs at silo start (table or schema creation) and at disposal (its client or connection pool).</summary>
internal sealed record GrainStateBackend(IGrainStateStore Store, Func<CancellationToken, Task> InitializeAsync, IDisposable Resources);
