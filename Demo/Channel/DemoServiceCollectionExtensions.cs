using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Glance.Demo.Channel;

public static class DemoServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="SyntheticChannel"/> as a singleton and as a hosted service (started with the host,
    /// killed when it stops), with <see cref="SyntheticChannelOptions"/> bound to "Demo:Channel".
    /// </summary>
    public static IServiceCollection AddSyntheticChannel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SyntheticChannelOptions>().Bind(configuration.GetSection(SyntheticChannelOptions.SectionName));
        services.TryAddSingleton<SyntheticChannel>();
        services.AddHostedService(sp => sp.GetRequiredService<SyntheticChannel>());
        return services;
    }
}
