using System.Reflection;
using Glance.Runtime.Activation;
using Glance.Runtime.Reminders;
using Glance.Storage;
using Glance.Runtime.Streams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Glance.Runtime.Hosting;

public static class GrainRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the silo role: the grain runtime hosting the grain classes found in <paramref name="grainAssemblies"/>,
    /// its options from configuration ("Runtime", "Runtime:Reminders", "Runtime:Streams", "Storage"), the configured
    /// state store, and the in-process "default" stream provider unless another was registered.
    /// </summary>
    public static IServiceCollection AddGrainRuntime(this IServiceCollection services, IConfiguration configuration, params Assembly[] grainAssemblies)
    {
        services.AddOptions<GrainRuntimeOptions>().Bind(configuration.GetSection(GrainRuntimeOptions.SectionName));
        services.AddOptions<ReminderOptions>().Bind(configuration.GetSection(ReminderOptions.SectionName));
        services.AddOptions<StreamOptions>().Bind(configuration.GetSection(StreamOptions.SectionName));
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IStorageProvider>(sp => StorageProviderFactory.Create(sp));
        if (!services.Any(d => d.ServiceType == typeof(StreamProvider)))
        {
            services.AddSingleton<StreamProvider>(sp =>
                new InProcessStreamProvider("default", sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<StreamOptions>>().Value));
        }
        services.AddSingleton(new GrainTypeRegistry(GrainTypeRegistry.FindGrainClasses(grainAssemblies)));
        services.AddSingleton<GrainRuntime>();
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.AddHostedService<GrainRuntimeHostedService>();
        return services;
    }
}
