using Microsoft.Extensions.Logging;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Glance.Storage.Persistence;

/// <summary>
/// Orleans' <see cref="IGrainStorage"/> over one of our conditional-write <see cref="IGrainStateStore"/>s. A row is
/// addressed by state type = Orleans state name + "@" + grain type, and key = the grain id; the store's ETag is the
/// grain state's ETag, so a lost race surfaces as Orleans' <see cref="InconsistentStateException"/>.
/// </summary>
public sealed partial class StateStoreGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly string name;
    private readonly GrainStateBackend backend;
    private readonly IGrainStateStorageOptions options;
    private readonly IActivatorProvider activators;
    private readonly ILogger logger;

    internal StateStoreGrainStorage(string name, GrainStateBackend backend, IGrainStateStorageOptions options, IActivatorProvider activators, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options.GrainStorageSerializer, "options.GrainStorageSerializer");
        this.name = name;
        this.backend = backend;
        this.options = options;
        this.activators = activators;
        this.logger = logger;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(StateStoreGrainStorage)}-{name}", options.InitStage, InitializeAsync);

    /// <summary>Creates the table or schema; the lifecycle calls this at silo start, tests call it directly.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await backend.InitializeAsync(cancellationToken);
        LogInitialized(logger, name, options.DeleteStateOnClear);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var stored = await backend.Store.ReadAsync(StateType(stateName, grainId), grainId.ToString(), cancellationToken);
        if (stored is null)
        {
            Reset(grainState, etag: null);
            return;
        }

        // An empty row is a state cleared with DeleteStateOnClear off: it keeps its ETag but is no record.
        if (!stored.Data.IsEmpty && options.GrainStorageSerializer.Deserialize<T>(new BinaryData(stored.Data)) is { } state)
        {
            grainState.State = state;
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
            return;
        }

        Reset(grainState, stored.ETag);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var data = options.GrainStorageSerializer.Serialize(grainState.State).ToMemory();
        grainState.ETag = await backend.Store.WriteAsync(StateType(stateName, grainId), grainId.ToString(), data, ExpectedETag(grainState), cancellationToken);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var stateType = StateType(stateName, grainId);
        var key = grainId.ToString();
        if (options.DeleteStateOnClear)
        {
            await backend.Store.ClearAsync(stateType, key, ExpectedETag(grainState), cancellationToken);
            Reset(grainState, etag: null);
            return;
        }

        // Orleans' default: the row stays, empty, with a new ETag, so a writer holding the old ETag still loses.
        var etag = await backend.Store.WriteAsync(stateType, key, ReadOnlyMemory<byte>.Empty, ExpectedETag(grainState), cancellationToken);
        Reset(grainState, etag);
    }

    public void Dispose() => backend.Resources.Dispose();

    private static string StateType(string stateName, GrainId grainId)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        return $"{stateName}@{grainId.Type}";
    }

    // Orleans hands over an empty ETag for a state it never read from storage; that means "no row expected".
    private static string? ExpectedETag<T>(IGrainState<T> grainState) =>
        string.IsNullOrWhiteSpace(grainState.ETag) ? null : grainState.ETag;

    private void Reset<T>(IGrainState<T> grainState, string? etag)
    {
        grainState.State = NewState<T>();
        grainState.ETag = etag;
        grainState.RecordExists = false;
    }

    private T NewState<T>() => activators.GetActivator<T>().Create();

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain storage {Name} is ready (DeleteStateOnClear={DeleteStateOnClear}).")]
    private static partial void LogInitialized(ILogger logger, string name, bool deleteStateOnClear);
}
