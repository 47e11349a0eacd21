using System.Net;
using System.Net.Sockets;
using Glance.Storage.Hosting;
using Glance.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Glance.Tests.Storage;

/// <summary>
/// Our providers inside real Orleans silos, configured as the Silo project will configure them: the embedded mode
/// (SQLite state and reminders, durable across a restart) and a two-silo cluster over DynamoDB membership and state.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class ProvidersInSiloTests(DynaliteFixture dynalite) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly TemporaryDirectory directory = new();

    [Fact]
    public async Task Embedded_silo_keeps_grain_state_and_reminders_in_sqlite_across_a_restart()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var database = Path.Combine(directory.Path, "data", "glance.db");
        void Embedded(ISiloBuilder silo)
        {
            silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next());
            silo.AddSqliteGrainStorageAsDefault(options => options.DatabasePath = database);
            silo.UseSqliteReminderService(options => options.DatabasePath = database);
        }

        using (var first = await StartSiloAsync(Embedded, timeout.Token))
        {
            var grain = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IProviderTestGrain>("event-1");
            (await grain.Increment()).Should().Be(1);
            (await grain.Increment()).Should().Be(2);
            await grain.Remind("start-ingest");
            await first.StopAsync(timeout.Token);
        }

        using var second = await StartSiloAsync(Embedded, timeout.Token);
        var again = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IProviderTestGrain>("event-1");
        (await again.Get()).Should().Be(2);
        (await again.HasReminder("start-ingest")).Should().BeTrue();
        (await again.Increment()).Should().Be(3);
        await second.StopAsync(timeout.Token);
    }

    [Fact]
    public async Task Two_silos_join_through_dynamodb_membership_and_share_one_activation_s_state()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var prefix = DynaliteFixture.NewTablePrefix();
        void Clustered(ISiloBuilder silo)
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = "glance-it";
                options.ServiceId = "glance";
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, FreePort.Next(), FreePort.Next());
            silo.UseDynamoDBClustering(options =>
            {
                options.Service = dynalite.ServiceUrl;
                options.TableName = prefix + "silos";
            });
            silo.AddDynamoDBGrainStorageAsDefault(options =>
            {
                options.Service = dynalite.ServiceUrl;
                options.TableName = prefix + "grain-state";
            });
        }

        using var a = await StartSiloAsync(Clustered, timeout.Token);
        using var b = await StartSiloAsync(Clustered, timeout.Token);
        var membership = a.Services.GetRequiredService<IMembershipTable>();
        await Eventually.TrueAsync(
            async () => (await membership.ReadAllAsync(timeout.Token)).Members.Count(m => m.Item1.Status == SiloStatus.Active) == 2,
            "both silos Active in the DynamoDB membership table",
            Timeout);

        var viaA = a.Services.GetRequiredService<IGrainFactory>().GetGrain<IProviderTestGrain>("event-2");
        var viaB = b.Services.GetRequiredService<IGrainFactory>().GetGrain<IProviderTestGrain>("event-2");
        for (var i = 1; i <= 6; i++)
        {
            (await (i % 2 == 0 ? viaA : viaB).Increment()).Should().Be(i, "one activation serves calls through either silo");
        }

        await b.StopAsync(timeout.Token);
        await a.StopAsync(timeout.Token);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }

    private static async Task<IHost> StartSiloAsync(Action<ISiloBuilder> configure, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(configure);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

}
