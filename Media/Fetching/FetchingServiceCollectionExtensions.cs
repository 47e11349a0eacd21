using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Glance.Media.Fetching;

public static class FetchingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SsrfGuard"/>, <see cref="ISourceFetcher"/> (one pooled <see cref="SourceFetcher"/>) and the
    /// system <see cref="IHostResolver"/> and the fetch instruments (<see cref="FetchMetrics"/>), with <see cref="SourceAccessOptions"/> bound to the "Ingest" section and
    /// validated at start.
    /// </summary>
    public static IServiceCollection AddSourceFetching(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SourceAccessOptions>().Bind(configuration.GetSection(SourceAccessOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SourceAccessOptions>, SourceAccessOptionsValidator>());
        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.TryAddSingleton<SsrfGuard>();
        services.AddMetrics();
        services.TryAddSingleton<FetchMetrics>();
        services.TryAddSingleton<SourceFetcher>();
        services.TryAddSingleton<ISourceFetcher>(sp => sp.GetRequiredService<SourceFetcher>());
        return services;
    }
}
