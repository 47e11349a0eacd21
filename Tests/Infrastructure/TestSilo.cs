using Glance.Grains.Hosting;
using Glance.Grains.Interfaces.Streams;
using Glance.Grains.Placement;
using Glance.Hosting;
using Glance.Storage;
using Glance.Storage.Hosting;
using Glance.Storage.Memory;
using Glance.Storage.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;
using Orleans.TestingHost;

namespace Glance.Tests.Infrastructure;

/// <summary>
/// One Orleans silo (Orleans' in-process test cluster) hosting the product's grains, with their grain state and the
/// timeline's records in a given store, memory streams and in-memory reminders. Tests reach the grains through the
/// silo's own grain factory, as the co-hosted API does.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly InProcessTestCluster cluster;

    private TestSilo(InProcessTestCluster cluster)
    {
        this.cluster = cluster;
        Services = cluster.Silos[0].ServiceProvider;
        Grains = Services.GetRequiredService<IGrainFactory>();
    }

    public IGrainFactory Grains { get; }

    public IServiceProvider Services { get; }

    public static async Task<TestSilo> StartAsync(
        IStorageProvider? storage = null,
        IDictionary<string, string?>? settings = null,
        TimeProvider? clock = null,
        Action<IServiceCollection>? configure = null,
        short silos = 1,
        string? reminderDatabase = null)
    {
        var store = storage ?? new MemoryStorageProvider();
        await store.InitializeAsync(CancellationToken.None);
        var values = settings ?? new Dictionary<string, string?>();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.InitializeClientOnDeploy = false;
        // Reminders are kept per service id: a fixed one lets a second test cluster over the same files find them.
        builder.Options.ServiceId = "glance-tests";
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(values);
            // GLANCE_TEST_LOGS=1 shows the silo's log on the console when a test needs explaining.
            var verbose = Environment.GetEnvironmentVariable("GLANCE_TEST_LOGS") == "1";
            host.Logging.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Warning);
            if (verbose)
            {
                host.Logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ");
            }

            host.Services.AddSingleton(clock ?? TimeProvider.System);
            host.Services.AddSingleton(store);
            host.Services.AddGrainServices(host.Configuration);
            configure?.Invoke(host.Services);
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddGrainStorage("Default", (sp, name) => new StateStoreGrainStorage(
                name,
                new GrainStateBackend(store.GrainState, _ => Task.CompletedTask, new OwnedByTheTest()),
                new SqliteGrainStorageOptions { GrainStorageSerializer = new JsonGrainStorageSerializer(JsonGrainStorageSerializer.DefaultOptions) },
                sp.GetRequiredService<IActivatorProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<StateStoreGrainStorage>()));
            silo.AddMemoryGrainStorage(StreamNames.PubSubStore);
            if (reminderDatabase is null)
            {
                silo.UseInMemoryReminderService();
            }
            else
            {
                // Durable reminders, shared by the cluster's silos and kept across a restart.
                silo.UseSqliteReminderService(o => o.DatabasePath = reminderDatabase);
            }

            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromMilliseconds(100));
            silo.AddMemoryStreams(StreamNames.Provider);
            silo.Services.AddGlanceSerialization();
            silo.AddWorkloadPlacement(SiloWorkloads.All);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new TestSilo(cluster);
    }

    public T Grain<T>(string key)
        where T : IGrainWithStringKey => Grains.GetGrain<T>(key);

    /// <summary>The grain factory of the silo at <paramref name="index"/> (in start order): calls enter the cluster there.</summary>
    public IGrainFactory GrainsOf(int index) => cluster.Silos[index].ServiceProvider.GetRequiredService<IGrainFactory>();

    /// <summary>The index (in start order) of the silo whose services these are.</summary>
    public int IndexOf(IServiceProvider siloServices)
    {
        var address = siloServices.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        return cluster.Silos.ToList().FindIndex(s => s.SiloAddress.Equals(address));
    }

    /// <summary>Stops a silo gracefully (its activations deactivate and hand nothing on) or kills it (nothing runs on it afterwards).</summary>
    public Task StopSiloAsync(int index, bool kill) =>
        kill ? cluster.KillSiloAsync(cluster.Silos[index]) : cluster.StopSiloAsync(cluster.Silos[index]);

    /// <summary>Deactivates every idle activation now, as Orleans' collector would after the collection age.</summary>
    public Task DeactivateIdleAsync() => Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    public async ValueTask DisposeAsync()
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }

    /// <summary>The store belongs to the test, which may hand it to the next silo: the grain storage must not dispose it.</summary>
    private sealed class OwnedByTheTest : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
