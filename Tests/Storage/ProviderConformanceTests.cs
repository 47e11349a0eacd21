using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Glance.Tests.Storage;

/// <summary>
/// What the provider conformance suites share: each "silo" is a service provider with the provider registered
/// through its public extension method and the registered validators run, as a silo would at start.
/// </summary>
public abstract class ProviderConformanceTests : IAsyncLifetime
{
    protected const string ClusterId = "glance-test";
    protected const string ServiceId = "glance";

    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(60));
    private readonly List<ServiceProvider> silos = [];

    protected CancellationToken Cancel => timeout.Token;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var silo in silos)
        {
            await silo.DisposeAsync();
        }

        timeout.Dispose();
        DisposeBackingStore();
    }

    /// <summary>Releases what the concrete backend created for the test (files); silos are disposed first.</summary>
    protected virtual void DisposeBackingStore()
    {
    }

    protected ServiceProvider NewSilo(Action<IServiceCollection> register, string clusterId = ClusterId, string serviceId = ServiceId)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSerializer();
        services.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = clusterId;
            options.ServiceId = serviceId;
        });
        register(services);
        var silo = services.BuildServiceProvider();
        silos.Add(silo);
        foreach (var validator in silo.GetServices<IConfigurationValidator>())
        {
            validator.ValidateConfiguration();
        }

        return silo;
    }
}
