using Glance.Storage.Clustering;
using Glance.Storage.DynamoDb;
using Orleans.Hosting;
using Orleans.Messaging;

namespace Glance.Storage.Hosting;

/// <summary>Cluster membership in DynamoDB, with the extension names of Orleans.Clustering.DynamoDB.</summary>
public static class DynamoDBClusteringExtensions
{
    public static ISiloBuilder UseDynamoDBClustering(this ISiloBuilder builder, Action<DynamoDBClusteringOptions> configureOptions) =>
        builder.ConfigureServices(services => services.UseDynamoDBClustering(configureOptions));

    public static IServiceCollection UseDynamoDBClustering(this IServiceCollection services, Action<DynamoDBClusteringOptions> configureOptions) =>
        ProviderRegistration.AddProvider<IMembershipTable, DynamoDBMembershipTable, DynamoDBClusteringOptions>(
            services, configureOptions, options => new DynamoDBTableOptionsValidator(options, "clustering"));

    /// <summary>For a client outside the silos: gateways from the silos' membership table.</summary>
    public static IClientBuilder UseDynamoDBClustering(this IClientBuilder builder, Action<DynamoDBGatewayOptions> configureOptions) =>
        builder.ConfigureServices(services => ProviderRegistration.AddProvider<IGatewayListProvider, DynamoDBGatewayListProvider, DynamoDBGatewayOptions>(
            services, configureOptions, options => new DynamoDBTableOptionsValidator(options, "gateway list")));
}
