using Glance.Detection;
using Glance.Detection.Local.Faces;
using Glance.Detection.Local.Logos;
using Glance.Detection.Local.Objects;
using Glance.Detection.Local.Teams;
using Glance.Detection.Local.Text;
using Glance.Detection.Rekognition;
using Glance.Media.Images;
using Glance.Media.Processes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
namespace Glance.Grains.Hosting;

public static class DetectionServiceCollectionExtensions
{
    /// <summary>
    /// Registers every detector, each family through its own <c>AddLocal…</c>/<c>Add…Detectors</c> extension beside
    /// its code: the local family (faces, labels, text, logos, teams, sport; models from the npm packages
    /// scripts/setup installs) and, when "Detection:Rekognition:Enabled" is true, the Amazon Rekognition family; plus the
    /// <see cref="DetectorCatalog"/> that picks them by name.
    /// </summary>
    public static IServiceCollection AddDetection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FfmpegOptions>().Bind(configuration.GetSection(FfmpegOptions.SectionName));
        services.TryAddSingleton<FfmpegImageCodec>();

        services.AddLocalText(configuration);
        services.AddLocalLogos(configuration);
        services.AddLocalTeams(configuration);
        services.AddLocalFaces(configuration);
        services.AddLocalObjectDetection(configuration);
        if (configuration.GetValue<bool>("Detection:Rekognition:Enabled"))
        {
            services.AddRekognitionDetectors(configuration);
        }

        services.TryAddSingleton<DetectorCatalog>();
        return services;
    }
}
