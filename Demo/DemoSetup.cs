using Glance.Demo.Channel;
using Glance.Media.Fetching;
using Glance.Hosting;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;

namespace Glance.Demo;

/// <summary>
/// The README's run command shows something at once: in the embedded mode the service generates a synthetic live
/// channel with ffmpeg (a face, a scoreboard, a logo, a silence), serves it under /demo/, registers a demo tenant with
/// that gallery and an event on that channel, and prints what to try. "--source &lt;url&gt;" watches another stream instead.
/// </summary>
public static class DemoSetup
{
    /// <param name="administratorKey">Where the host keeps the administrator key the demo registers its tenant with.</param>
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder, Func<IServiceProvider, string?> administratorKey)
    {
        var configuration = builder.Configuration;
        builder.Services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName));
        if (!Runs(configuration))
        {
            return builder;
        }

        var demo = configuration.GetSection(DemoOptions.SectionName).Get<DemoOptions>() ?? new DemoOptions();
        var source = configuration["source"];
        if (source is null)
        {
            // The event reads the channel from its folder as a file source (links resolved, checked again once open),
            // allowed for that folder alone: no network, loopback least of all, is opened to any tenant.
            var folder = Path.GetFullPath(configuration[$"{SyntheticChannelOptions.SectionName}:OutputFolder"] ?? Path.Combine("data", "demo-channel"));
            var settings = new Dictionary<string, string?>
            {
                [$"{SyntheticChannelOptions.SectionName}:OutputFolder"] = folder,
                [$"{SourceAccessOptions.SectionName}:{nameof(SourceAccessOptions.AllowFileSources)}"] = "true",
                [$"{SourceAccessOptions.SectionName}:{nameof(SourceAccessOptions.AllowedFileRoots)}:99"] = folder,
            };
            if (demo.Fresh)
            {
                settings[$"{SyntheticChannelOptions.SectionName}:{nameof(SyntheticChannelOptions.ContinueEarlierOutput)}"] = "false";
            }

            configuration.Sources.Add(new MemoryConfigurationSource { InitialData = settings });
            builder.Services.AddSyntheticChannel(configuration);
        }

        builder.Services.AddSingleton(new DemoAdministratorKey(administratorKey));
        builder.Services.AddHostedService<DemoBootstrap>();
        return builder;
    }

    /// <summary>True when this run registers the demo (embedded mode, not turned off): its banner then shows the credentials.</summary>
    public static bool Runs(IConfiguration configuration)
    {
        var mode = configuration.GetSection(HostingOptions.SectionName).Get<HostingOptions>()?.Mode ?? HostingMode.Embedded;
        var demo = configuration.GetSection(DemoOptions.SectionName).Get<DemoOptions>() ?? new DemoOptions();
        return mode != HostingMode.Cluster && demo.Enabled;
    }

    /// <summary>Serves the synthetic channel (playlist and segments only) when it runs.</summary>
    public static WebApplication MapDemo(this WebApplication app)
    {
        if (app.Services.GetService<SyntheticChannel>() is not { } channel)
        {
            return app;
        }

        app.MapGet("/demo/{file}", (string file) =>
        {
            var extension = Path.GetExtension(file);
            if (file != Path.GetFileName(file) || extension is not (".m3u8" or ".ts"))
            {
                return Results.NotFound();
            }

            var path = Path.Combine(channel.OutputFolder, file);
            return File.Exists(path)
                ? Results.File(path, extension == ".m3u8" ? "application/vnd.apple.mpegurl" : "video/mp2t")
                : Results.NotFound();
        }).ExcludeFromDescription().AllowAnonymous();
        return app;
    }
}
