using Glance.Storage.Persistence;
using Orleans.Hosting;
using Orleans.Providers;

namespace Glance.Storage.Hosting;

/// <summary>Grain storage in a SQLite file, registered like Orleans' own storage providers.</summary>
public static class SqliteGrainStorageExtensions
{
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(this ISiloBuilder builder, Action<SqliteGrainStorageOptions> configureOptions) =>
        builder.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteGrainStorageOptions> configureOptions) =>
        builder.ConfigureServices(services => services.AddSqliteGrainStorage(name, configureOptions));

    public static IServiceCollection AddSqliteGrainStorage(this IServiceCollection services, string name, Action<SqliteGrainStorageOptions> configureOptions) =>
        GrainStorageRegistration.AddStateStoreGrainStorage(
            services,
            name,
            configureOptions,
            (options, provider) => new SqliteGrainStorageOptionsValidator(options, provider),
            GrainStateBackends.Sqlite);
}
