using Glance.Grains.Events;
using Glance.Grains.Gallery;
using Glance.Grains.Ingest;
using Glance.Media.Fetching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Grains.Hosting;

public static class GrainServicesExtensions
{
    /// <summary>
    /// What the product's grains need besides the runtime: their options and the services they call (the SSRF-guarded
    /// source fetcher). The segment handler comes from the analysis pipeline.
    /// </summary>
    public static IServiceCollection AddGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventOptions>().Bind(configuration.GetSection(EventOptions.SectionName));
        services.AddOptions<IngestOptions>().Bind(configuration.GetSection(IngestOptions.SectionName));
        services.AddOptions<GalleryOptions>().Bind(configuration.GetSection(GalleryOptions.SectionName));
        services.AddSourceFetching(configuration);
        return services;
    }
}
