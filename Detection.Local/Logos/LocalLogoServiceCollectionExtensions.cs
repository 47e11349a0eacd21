using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Glance.Detection.Local.Logos;

public static class LocalLogoServiceCollectionExtensions
{
    /// <summary>
    /// Registers the "local.logos" detector with <see cref="LocalLogoOptions"/> bound to "Detection:Local:Logos", the
    /// template matcher and the upload preparer the gallery's logo jobs use.
    /// </summary>
    public static IServiceCollection AddLocalLogos(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LocalLogoOptions>().Bind(configuration.GetSection(LocalLogoOptions.SectionName));
        services.TryAddSingleton<LogoMatcher>();
        services.TryAddSingleton<LogoUploadPreparer>();
        services.AddFrameDetector<LocalLogoDetector>();
        return services;
    }
}
