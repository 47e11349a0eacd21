using Glance.Runtime;
using Glance.Runtime.Hosting;
using Glance.Runtime.Storage;
using Glance.Runtime.Storage.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Glance.Tests.Infrastructure;

/// <summary>A started grain runtime (one silo) over a given store, hosting the grains of the test assembly.</summary>
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
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton(clock ?? TimeProvider.System);
        collection.AddSingleton(storage ?? new MemoryStorageProvider(clock ?? TimeProvider.System));
        configure?.Invoke(collection);
        collection.AddGrainRuntime(configuration, typeof(TestSilo).Assembly);
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
