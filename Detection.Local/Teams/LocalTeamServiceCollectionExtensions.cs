using Glance.Detection.Local.Logos;
using Glance.Detection.Local.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Detection.Local.Teams;

public static class LocalTeamServiceCollectionExtensions
{
    /// <summary>
    /// Registers the "local.teams" detector, which reads teams from the text and logos on screen: it adds the text and
    /// logo parts it reads through (each registration is idempotent, so the order of the families does not matter).
    /// </summary>
    public static IServiceCollection AddLocalTeams(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddLocalText(configuration);
        services.AddLocalLogos(configuration);
        services.AddFrameDetector<LocalTeamDetector>();
        return services;
    }
}
