using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;

namespace Glance.Storage.Persistence;

/// <summary>
/// Registers a <see cref="StateStoreGrainStorage"/> the way Orleans' provider packages register theirs: named
/// options, a validator, the serializer default, and the storage keyed by name (with silo lifecycle participation
/// and, for "Default", the unkeyed registration) through Orleans' own AddGrainStorage.
/// </summary>
internal static class GrainStorageRegistration
{
    public static IServiceCollection AddStateStoreGrainStorage<TOptions>(
        IServiceCollection services,
        string name,
        Action<TOptions> configureOptions,
        Func<TOptions, string, IConfigurationValidator> validator,
        Func<TOptions, GrainStateBackend> backend)
        where TOptions : class, IGrainStateStorageOptions
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configureOptions);
        services.AddOptions<TOptions>(name).Configure(configureOptions);
        services.AddTransient<IPostConfigureOptions<TOptions>, GrainStorageSerializerDefaults<TOptions>>();
        services.AddTransient(sp => validator(sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name), name));
        services.ConfigureNamedOptionForLogging<TOptions>(name);
        return services.AddGrainStorage(name, (sp, key) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(key);
            return new StateStoreGrainStorage(
                key,
                backend(options),
                options,
                sp.GetRequiredService<IActivatorProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger($"{typeof(StateStoreGrainStorage).FullName}.{key}"));
        });
    }
}
