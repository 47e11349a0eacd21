using Glance.Media.Assets;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Glance.Api.Dashboard;

/// <summary>
/// Serves the dashboard: plain files and JavaScript modules from wwwroot (nothing to build), and the hls.js module
/// from the npm package that scripts/setup installs, under /vendor/hls/. The pages may load and connect to this
/// origin only (Content-Security-Policy); the API calls they make carry the broadcaster key like any client's.
/// </summary>
public static partial class DashboardSetup
{
    public const string HlsPath = "/vendor/hls";

    /// <summary>
    /// Only this origin. blob: for media is what Media Source Extensions play from (hls.js feeds the video element
    /// through an object URL); hls.js runs without its worker, so no blob: worker is needed.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; media-src 'self' blob:; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static WebApplicationBuilder AddMonitoringDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DashboardOptions>().Bind(builder.Configuration.GetSection(DashboardOptions.SectionName));
        return builder;
    }

    /// <summary>Before authentication and rate limits: the files are public, the data they show comes through the API.</summary>
    public static WebApplication UseMonitoringDashboard(this WebApplication app)
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".mjs"] = "text/javascript";
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions { ContentTypeProvider = types, OnPrepareResponse = Secure });

        var configured = app.Configuration.GetSection(DashboardOptions.SectionName).Get<DashboardOptions>()?.HlsJsFolder ?? new DashboardOptions().HlsJsFolder;
        var hls = InstalledAssetSearch.FindFirst(configured, app.Environment.ContentRootPath, folder => File.Exists(Path.Combine(folder, "hls.mjs")));
        if (hls is null)
        {
            LogNoPlayer(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardSetup)), configured);
            return app;
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(hls),
            RequestPath = HlsPath,
            ContentTypeProvider = types,
            OnPrepareResponse = Secure,
        });
        return app;
    }

    private static void Secure(StaticFileResponseContext context)
    {
        var headers = context.Context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard: hls.js was not found (looked for {Folder} with hls.mjs); the page works without replay. Run scripts/setup to install it.")]
    private static partial void LogNoPlayer(ILogger logger, string folder);
}
