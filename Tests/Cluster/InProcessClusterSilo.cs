using System.Globalization;
using Glance.Hosting;
using Glance.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace Glance.Tests.Cluster;

/// <summary>
/// One cluster-mode silo configured by the product's own hosting (<see cref="SiloRole"/>: membership, grain state,
/// reminders and timeline records on DynamoDB), in this process on its own ports. Several of them form a cluster the way
/// pods do; <see cref="KillAsync"/> stops one without any goodbye, as Orleans' own test silos are killed.
/// </summary>
internal sealed class InProcessClusterSilo : IAsyncDisposable
{
    private readonly WebApplication app;
    private bool stopped;

    private InProcessClusterSilo(WebApplication app)
    {
        this.app = app;
        Address = app.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
    }

    public IGrainFactory Grains => app.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => app.Services;

    /// <summary>Known after a kill too, so that a test can still tell which silo it was.</summary>
    public SiloAddress Address { get; }

    /// <summary>
    /// Settings for silos of one new cluster on <paramref name="dynalite"/>: fresh tables and ids, loopback addresses, the
    /// test process's environment for everything else, and quiet logs.
    /// </summary>
    public static Dictionary<string, string?> DynamoSettings(DynaliteFixture dynalite)
    {
        var unique = Guid.NewGuid().ToString("N")[..12];
        var settings = ProcessApi.Environment().ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => (string?)e.Value);
        settings["Hosting:Mode"] = "Cluster";
        settings["Storage:Provider"] = "DynamoDb";
        settings["Storage:DynamoDb:ServiceUrl"] = dynalite.ServiceUrl;
        settings["Storage:DynamoDb:Region"] = "us-east-1";
        settings["Storage:DynamoDb:TablePrefix"] = DynaliteFixture.NewTablePrefix();
        settings["Orleans:ClusterId"] = "c" + unique;
        settings["Orleans:ServiceId"] = "s" + unique;
        settings["Orleans:AdvertisedIPAddress"] = "127.0.0.1";
        settings["Orleans:Dashboard"] = "false";
        // In this process the silos' logs would go to the test's console; a killed silo's complaints are expected.
        settings["Logging:LogLevel:Default"] = "Critical";
        settings["Logging:LogLevel:Orleans"] = "Critical";
        settings["Logging:LogLevel:Glance"] = "Critical";
        return settings;
    }

    public static async Task<InProcessClusterSilo> StartAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        // A port found free can be taken by another process before this one binds it: try a few fresh pairs.
        for (var attempt = 1; ; attempt++)
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Orleans:SiloPort"] = FreePortString(),
                ["Urls"] = $"http://127.0.0.1:{FreePortString()}",
            });
            builder.AddSiloRole();
            var app = builder.Build();
            app.MapOperationalEndpoints();
            try
            {
                await app.StartAsync(cancellationToken);
                return new InProcessClusterSilo(app);
            }
            catch (IOException e) when (attempt < 3 && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await app.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Stops with an already cancelled token, as Orleans' test cluster kills a silo: no graceful deactivation, no
    /// hand-over; the others must find out. (A process killed outright is the multi-process failover test's.)
    /// </summary>
    public async Task KillAsync()
    {
        stopped = true;
        using var now = new CancellationTokenSource();
        await now.CancelAsync();
        try
        {
            await app.StopAsync(now.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await app.StopAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await app.DisposeAsync();
    }

    private static string FreePortString() => Infrastructure.FreePort.Next().ToString(CultureInfo.InvariantCulture);
}
