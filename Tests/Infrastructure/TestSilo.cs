using Glance.Grains;
using Glance.Grains.Hosting;
using Glance.Runtime;
using Glance.Runtime.Hosting;
using Glance.Storage;
using Glance.Storage.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Glance.Tests.Infrastructure;

/// <summary>A started grain runtime (one silo) over a given store, hosting the product's grains and the test assembly's.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private TestSilo(ServiceProvider services, GrainRuntime runtime)
    {
        this.services = services;
        Runtime = runtime;
    }

    public GrainRuntime Runtime { get; }

    public IServiceProvider Services => services;

    public static async Task<TestSilo> StartAsync(
        IStorageProvider? storage = null,
        IDictionary<string, string?>? settings = null,
        TimeProvider? clock = null,
        Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var collection = new ServiceCollection();
        // GLANCE_TEST_LOGS=1 shows the silo's log on the console when a test needs explaining.
        collection.AddLogging(b => (Environment.GetEnvironmentVariable("GLANCE_TEST_LOGS") == "1"
            ? b.SetMinimumLevel(LogLevel.Debug).AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ")
            : b).SetMinimumLevel(Environment.GetEnvironmentVariable("GLANCE_TEST_LOGS") == "1" ? LogLevel.Debug : LogLevel.Warning));
        collection.AddSingleton(clock ?? TimeProvider.System);
        collection.AddSingleton(storage ?? new MemoryStorageProvider(clock ?? TimeProvider.System));
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddGrainServices(configuration);
        configure?.Invoke(collection);
        collection.AddGrainRuntime(configuration, typeof(TestSilo).Assembly, GrainsAssembly.Assembly);
        var provider = collection.BuildServiceProvider();
        var runtime = provider.GetRequiredService<GrainRuntime>();
        await runtime.StartAsync(CancellationToken.None);
        return new TestSilo(provider, runtime);
    }

    public T Grain<T>(string key)
        where T : IGrainWithStringKey => Runtime.GetGrain<T>(key);

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        await services.DisposeAsync();
    }
}
