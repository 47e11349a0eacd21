using Glance.Storage.DynamoDb;
using Glance.Storage.Persistence;
using Orleans.Hosting;
using Orleans.Providers;

namespace Glance.Storage.Hosting;

/// <summary>
/// Grain storage in DynamoDB, with the extension names of Orleans.Persistence.DynamoDB: replacing this package by
/// Orleans' own changes the using directives, not the calls or the configuration keys.
/// </summary>
public static class DynamoDBGrainStorageExtensions
{
    public static ISiloBuilder AddDynamoDBGrainStorageAsDefault(this ISiloBuilder builder, Action<DynamoDBStorageOptions> configureOptions) =>
        builder.AddDynamoDBGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    public static ISiloBuilder AddDynamoDBGrainStorage(this ISiloBuilder builder, string name, Action<DynamoDBStorageOptions> configureOptions) =>
        builder.ConfigureServices(services => services.AddDynamoDBGrainStorage(name, configureOptions));

    public static IServiceCollection AddDynamoDBGrainStorage(this IServiceCollection services, string name, Action<DynamoDBStorageOptions> configureOptions) =>
        GrainStorageRegistration.AddStateStoreGrainStorage(
            services,
            name,
            configureOptions,
            (options, provider) => new DynamoDBTableOptionsValidator(options, provider),
            GrainStateBackends.DynamoDB);
}
