using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Glance.Storage.DynamoDb;
using Orleans.Configuration;
using Orleans.Messaging;
namespace Glance.Storage.Clustering;

/// <summary>
/// Orleans' <see cref="IGatewayListProvider"/> for external clients: the Active silos with a gateway (proxy) port,
/// read from the membership item <see cref="DynamoDBMembershipTable"/> keeps. The Api co-hosted in each silo does not
/// need it; a separate client process does.
/// </summary>
public sealed class DynamoDBGatewayListProvider(
    IOptions<DynamoDBGatewayOptions> options, IOptions<ClusterOptions> cluster, IOptions<GatewayOptions> gateway) : IGatewayListProvider, IDisposable
{
    private readonly IAmazonDynamoDB client = DynamoDbClientFactory.Create(options.Value);
    private readonly string table = options.Value.TableName;
    private readonly string clusterId = cluster.Value.ClusterId;

    public TimeSpan MaxStaleness { get; } = gateway.Value.GatewayListRefreshPeriod;

    [Obsolete("Orleans no longer reads this; every provider is updatable.")]
    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => Task.CompletedTask;

    public Task<IList<Uri>> GetGateways() => GetGatewaysAsync(CancellationToken.None);

    public async Task<IList<Uri>> GetGatewaysAsync(CancellationToken cancellationToken)
    {
        var request = new GetItemRequest { TableName = table, Key = new() { [MembershipItem.Id] = new AttributeValue { S = clusterId } }, ConsistentRead = true };
        var response = await DynamoDbCalls.RunAsync(table, $"reading the gateways of cluster {clusterId}", () => client.GetItemAsync(request, cancellationToken));
        return MembershipItem.ReadRows(response.Item is { Count: > 0 } item ? item : null)
            .Select(row => row.Item1)
            .Where(entry => entry.Status == SiloStatus.Active && entry.ProxyPort != 0)
            .Select(entry => SiloAddress.New(new IPEndPoint(entry.SiloAddress.Endpoint.Address, entry.ProxyPort), entry.SiloAddress.Generation).ToGatewayUri())
            .ToList();
    }

    public void Dispose() => client.Dispose();
}
