using Glance.Hosting;
using Orleans.Dashboard;

namespace Glance.Api.Endpoints;

/// <summary>The Orleans Dashboard, for operators: the administrator key opens it (a browser asks for it as a password).</summary>
public static class OperationsEndpoints
{
    public const string DashboardPath = "/ops/dashboard";

    public static WebApplication MapOperationsEndpoints(this WebApplication app)
    {
        var silo = app.Configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        var mode = app.Configuration.GetSection(HostingOptions.SectionName).Get<HostingOptions>()?.Mode ?? HostingMode.Embedded;
        if (silo.DashboardEnabled(mode))
        {
            // Grain state, reminders and call statistics of every tenant: the administrator's alone, never rate-limited.
            app.MapOrleansDashboard(DashboardPath.TrimStart('/'))
                .RequireAuthorization(AccessPolicies.Admin)
                .ExcludeFromDescription()
                .DisableRateLimiting();
        }

        return app;
    }
}
