using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Glance.Runtime.Activation;
using Glance.Runtime.Hosting;
using Glance.Runtime.Reminders;
using Glance.Runtime.State;
using Glance.Storage;
using Glance.Runtime.Streams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glance.Runtime;

/// <summary>
/// The in-process grain runtime (one silo): activates grains on first call, runs one turn at a time per activation,
/// collects idle activations, fails overdue calls, fires durable reminders and delivers streams. Shaped like
/// Orleans so that grain code moves to Orleans mechanically; what crosses machines goes through the state store
/// (ETags, leases) and the stream transport, never through a protocol of our own.
/// </summary>
public sealed partial class GrainRuntime : IGrainFactory, IAsyncDisposable
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> activations = new();
    private readonly ConcurrentDictionary<GrainId, Task> predecessors = new();
    private const int MaxCachedReferences = 100_000;
    private readonly ConcurrentDictionary<MethodInfo, GrainMethodInvoker> invokers = new();
    private readonly ConcurrentDictionary<(Type Interface, string Key), object> references = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly ILogger logger;
    private Task? collectorLoop;
    private Task? timeoutLoop;
    private volatile bool stopped;
    private Task? stopTask;
    private int started;

    public GrainRuntime(
        IServiceProvider services,
        GrainTypeRegistry registry,
        IStorageProvider storage,
        IEnumerable<StreamProvider> streamProviders,
        IOptions<GrainRuntimeOptions> options,
        IOptions<ReminderOptions> reminderOptions,
        IOptions<StreamOptions> streamOptions,
        TimeProvider clock,
        ILoggerFactory loggers)
    {
        Services = services;
        Registry = registry;
        Storage = storage;
        Options = options.Value;
        Clock = clock;
        SiloName = Options.SiloName ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
        logger = loggers.CreateLogger<GrainRuntime>();
        ActivationLogger = loggers.CreateLogger("Glance.Runtime.Activation");
        StateFactory = new PersistentStateFactory(storage);
        Reminders = new ReminderService(this, storage, reminderOptions.Value, loggers.CreateLogger<ReminderService>());
        Streams = new StreamProviderRegistry(streamProviders, new LocalStreamDelivery(this, streamOptions.Value, loggers.CreateLogger("Glance.Runtime.Streams")));
        RuntimeMetrics.Track(this);
    }

    /// <summary>This silo's name in leases.</summary>
    public string SiloName { get; }

    public int ActivationCount => activations.Count;

    public long QueuedCalls => activations.Values.Sum(a => (long)a.QueueLength);

    public IStorageProvider Storage { get; }

    public ReminderService Reminders { get; }

    internal IServiceProvider Services { get; }

    internal GrainTypeRegistry Registry { get; }

    internal GrainRuntimeOptions Options { get; }

    /// <summary>The clock of timers and reminders (a test may drive it by hand).</summary>
    internal TimeProvider Clock { get; }

    internal ILogger ActivationLogger { get; }

    internal PersistentStateFactory StateFactory { get; }

    internal StreamProviderRegistry Streams { get; }

    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);

        // References are immutable and cheap to share; creating a proxy is not (reflection), so recent ones are reused.
        if (references.TryGetValue((typeof(TGrainInterface), key), out var cached))
        {
            return (TGrainInterface)cached;
        }

        var grainClass = Registry.ForInterface(typeof(TGrainInterface));
        var proxy = DispatchProxy.Create(typeof(TGrainInterface), typeof(GrainProxy));
        ((GrainProxy)proxy).Bind(this, new GrainId(grainClass.Name, key), grainClass);
        if (references.Count >= MaxCachedReferences)
        {
            references.Clear();
        }

        references[(typeof(TGrainInterface), key)] = proxy;
        return (TGrainInterface)proxy;
    }

    /// <summary>A stream provider for code outside grains (handlers run on the delivery loop, not as turns).</summary>
    public IStreamProvider GetStreamProvider(string name) => Streams.GetProvider(name);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref started, 1) == 1)
        {
            return;
        }

        await Storage.InitializeAsync(cancellationToken).ConfigureAwait(false);
        foreach (var provider in Streams.All)
        {
            await provider.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        await Reminders.StartAsync(cancellationToken).ConfigureAwait(false);
        collectorLoop = EveryAsync(Options.CollectionInterval, () => CollectIdleActivations(null), stopping.Token);
        var sweep = TimeSpan.FromTicks(Math.Clamp(Options.CallTimeout.Ticks / 4, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromSeconds(1).Ticks));
        timeoutLoop = EveryAsync(sweep, ExpireOverdueCalls, stopping.Token);
        LogStarted(logger, SiloName, Registry.Classes.Count, Storage.Name);
    }

    /// <summary>Stops reminders and background work, then deactivates every activation (running OnDeactivateAsync).</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (invokers)
        {
            // The host and the container may both stop the runtime, concurrently: they share one shutdown.
            return stopTask ??= StopOnceAsync(cancellationToken);
        }
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        stopped = true;
        await Reminders.DisposeAsync().ConfigureAwait(false);
        await stopping.CancelAsync().ConfigureAwait(false);
        foreach (var loop in new[] { collectorLoop, timeoutLoop })
        {
            if (loop is not null)
            {
                await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        var deactivations = activations.Values.Select(a => a.DeactivateForShutdownAsync()).ToArray();
        await Task.WhenAll(deactivations).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var provider in Streams.All)
        {
            await provider.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        LogStopped(logger, SiloName);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(Options.ShutdownTimeout);
        await StopAsync(timeout.Token).ConfigureAwait(false);
        RuntimeMetrics.Untrack(this);
        stopping.Dispose();
    }

    /// <summary>Deactivates activations idle for longer than <paramref name="ageLimit"/> (their own limit when null), as Orleans' ForceActivationCollection.</summary>
    /// <returns>How many deactivations were started.</returns>
    public int CollectIdleActivations(TimeSpan? ageLimit)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        var collected = 0;
        foreach (var activation in activations.Values)
        {
            if (activation.TryCollect(now, ageLimit ?? Options.CollectionAge, ageLimit is not null))
            {
                collected++;
            }
        }

        return collected;
    }

    /// <summary>Waits until every activation that is deactivating now has finished.</summary>
    public Task WhenDeactivationsCompleteAsync() => Task.WhenAll(predecessors.Values);

    internal GrainMethodInvoker GetInvoker(MethodInfo method) => invokers.GetOrAdd(method, GrainMethodInvoker.Create);

    internal void Dispatch(GrainId id, GrainClass grainClass, WorkItem item)
    {
        if (stopped)
        {
            item.TryFail(new InvalidOperationException($"The grain runtime of silo {SiloName} is stopped; {item.Description} on {id} was not run."));
            return;
        }

        while (true)
        {
            var activation = activations.GetOrAdd(id, static (key, state) => new GrainActivation(state.Runtime, key, state.GrainClass), (Runtime: this, GrainClass: grainClass));
            if (activation.TryEnqueue(item))
            {
                return;
            }

            activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(id, activation));
        }
    }

    internal void Redispatch(GrainId id, GrainClass grainClass, WorkItem item)
    {
        if (!item.IsCompleted)
        {
            Dispatch(id, grainClass, item);
        }
    }

    /// <summary>Runs <paramref name="body"/> as a turn of the grain, activating it when needed.</summary>
    internal Task RunSystemTurnAsync(GrainId id, Func<Grain, Task> body, string description, bool keepsAlive)
    {
        var grainClass = Registry.ForName(id.Type);
        if (grainClass is null)
        {
            return Task.FromException(new InvalidOperationException($"No grain class named '{id.Type}' is registered (needed for {description})."));
        }

        var turn = new SystemTurn(body, description, keepsAlive, System.Diagnostics.Stopwatch.GetTimestamp());
        Dispatch(id, grainClass, turn);
        return turn.Completion;
    }

    internal bool TryGetActiveInstance(GrainId id, [NotNullWhen(true)] out Grain? instance)
    {
        instance = activations.TryGetValue(id, out var activation) ? activation.ActiveInstance : null;
        return instance is not null;
    }

    internal void RemoveActivation(GrainId id, GrainActivation activation) =>
        activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(id, activation));

    internal void RegisterPredecessor(GrainId id, Task deactivation) => predecessors[id] = deactivation;

    internal bool TryGetPredecessor(GrainId id, [NotNullWhen(true)] out Task? deactivation) => predecessors.TryGetValue(id, out deactivation);

    internal void ForgetPredecessor(GrainId id, Task deactivation) =>
        predecessors.TryRemove(new KeyValuePair<GrainId, Task>(id, deactivation));

    private void ExpireOverdueCalls()
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var activation in activations.Values)
        {
            activation.ExpireOverdueCalls(now, Options.CallTimeout);
        }
    }

    /// <summary>
    /// Runtime housekeeping (timeouts, idle collection) runs on real time, not on <see cref="Clock"/>: a call hangs or
    /// idles in real seconds, and a test's manual clock must not make calls time out.
    /// </summary>
    private async Task EveryAsync(TimeSpan interval, Action work, CancellationToken cancellationToken)
    {
        using var ticker = new PeriodicTimer(interval);
        try
        {
            while (await ticker.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    work();
                }
                catch (Exception e)
                {
                    LogBackgroundFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain runtime {Silo} started: {GrainClasses} grain classes, {Storage} storage")]
    private static partial void LogStarted(ILogger logger, string silo, int grainClasses, string storage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain runtime {Silo} stopped")]
    private static partial void LogStopped(ILogger logger, string silo);

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain runtime background work failed")]
    private static partial void LogBackgroundFailed(ILogger logger, Exception exception);
}
