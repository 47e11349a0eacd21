using System.Net;
using Glance.Storage.Clustering;
using Glance.Storage.Hosting;
using Glance.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Glance.Tests.Storage;

/// <summary>The membership table conformance suite against dynalite, each test on its own table.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDBMembershipTableTests(DynaliteFixture dynalite) : MembershipTableConformanceTests
{
    private readonly string table = DynaliteFixture.NewTablePrefix() + "silos";

    protected override void AddMembershipTable(IServiceCollection services) =>
        services.UseDynamoDBClustering(options =>
        {
            options.Service = dynalite.ServiceUrl;
            options.TableName = table;
        });

    [Fact]
    public async Task Clusters_sharing_a_table_do_not_see_each_other()
    {
        var ours = await NewTableAsync();
        var theirs = await NewTableAsync("other-cluster");
        (await ours.InsertRowAsync(Entry(), (await ours.ReadAllAsync(Cancel)).Version.Next(), Cancel)).Should().BeTrue();

        (await theirs.ReadAllAsync(Cancel)).Members.Should().BeEmpty();
        await theirs.DeleteMembershipTableEntriesAsync("other-cluster", Cancel);
        (await ours.ReadAllAsync(Cancel)).Members.Should().ContainSingle();
    }

    [Fact]
    public async Task The_gateway_list_holds_the_active_silos_proxy_endpoints()
    {
        var membership = await NewTableAsync();
        var active = Entry(SiloStatus.Active);
        var dead = Entry(SiloStatus.Dead);
        var noGateway = Entry(SiloStatus.Active);
        noGateway.ProxyPort = 0;
        foreach (var entry in new[] { active, dead, noGateway, Entry(SiloStatus.Joining) })
        {
            (await membership.InsertRowAsync(entry, (await membership.ReadAllAsync(Cancel)).Version.Next(), Cancel)).Should().BeTrue();
        }

        using var gateways = new DynamoDBGatewayListProvider(
            Options.Create(new DynamoDBGatewayOptions { Service = dynalite.ServiceUrl, TableName = table }),
            Options.Create(new ClusterOptions { ClusterId = ClusterId, ServiceId = ServiceId }),
            Options.Create(new GatewayOptions { GatewayListRefreshPeriod = TimeSpan.FromSeconds(7) }));
        await gateways.InitializeGatewayListProvider();

        var list = await gateways.GetGatewaysAsync(Cancel);

        gateways.MaxStaleness.Should().Be(TimeSpan.FromSeconds(7));
        var expected = SiloAddress.New(new IPEndPoint(active.SiloAddress.Endpoint.Address, active.ProxyPort), active.SiloAddress.Generation).ToGatewayUri();
        list.Should().Equal(expected);
    }
}
