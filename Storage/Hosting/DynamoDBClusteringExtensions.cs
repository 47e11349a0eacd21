using Glance.Storage.Clustering;
using Glance.Storage.DynamoDb;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Messaging;
using Orleans.Runtime;

namespace Glance.Storage.Hosting;

/// <summary>Cluster membership in DynamoDB, with the extension names of Orleans.Clustering.DynamoDB.</summary>
public static class DynamoDBClusteringExtensions
{
    public static ISiloBuilder UseDynamoDBClustering(this ISiloBuilder builder, Action<DynamoDBClusteringOptions> configureOptions) =>
        builder.ConfigureServices(services => services.UseDynamoDBClustering(configureOptions));

    public static IServiceCollection UseDynamoDBClustering(this IServiceCollection services, Action<DynamoDBClusteringOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(configureOptions);
        services.Configure(configureOptions);
        services.ConfigureFormatter<DynamoDBClusteringOptions>();
        services.AddTransient<IConfigurationValidator>(sp =>
            new DynamoDBTableOptionsValidator(sp.GetRequiredService<IOptions<DynamoDBClusteringOptions>>().Value, "clustering"));
        services.AddSingleton<IMembershipTable, DynamoDBMembershipTable>();
        return services;
    }

    /// <summary>For a client outside the silos: gateways from the silos' membership table.</summary>
    public static IClientBuilder UseDynamoDBClustering(this IClientBuilder builder, Action<DynamoDBGatewayOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(configureOptions);
        return builder.ConfigureServices(services =>
        {
            services.Configure(configureOptions);
            services.AddSingleton<IGatewayListProvider, DynamoDBGatewayListProvider>();
        });
    }
}
