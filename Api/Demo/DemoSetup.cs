using Glance.Media.Demo;
using Glance.Silo.Hosting;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;

namespace Glance.Api.Demo;

/// <summary>
/// The README's run command shows something at once: in the embedded mode the service generates a synthetic live
/// channel with ffmpeg (a face, a scoreboard, a logo, a silence), serves it under /demo/, registers a demo tenant with
/// that gallery and an event on that channel, and prints what to try. "--source &lt;url&gt;" watches another stream instead.
/// </summary>
public static class DemoSetup
{
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName));
        var mode = configuration.GetSection(HostingOptions.SectionName).Get<HostingOptions>()?.Mode ?? HostingMode.Embedded;
        var demo = configuration.GetSection(DemoOptions.SectionName).Get<DemoOptions>() ?? new DemoOptions();
        if (mode == HostingMode.Cluster || !demo.Enabled)
        {
            return builder;
        }

        var source = configuration["source"];
        if (source is null)
        {
            // The channel is served by this process on loopback, which the SSRF policy refuses unless allow-listed.
            configuration.Sources.Add(new MemoryConfigurationSource
            {
                InitialData = new Dictionary<string, string?>
                {
                    [$"{SyntheticChannelOptions.SectionName}:OutputFolder"] = configuration[$"{SyntheticChannelOptions.SectionName}:OutputFolder"] ?? Path.GetFullPath(Path.Combine("data", "demo-channel")),
                    ["Ingest:AllowedNetworks:99"] = "127.0.0.1/32",
                },
            });
            builder.Services.AddSyntheticChannel(configuration);
        }

        builder.Services.AddHostedService<DemoBootstrap>();
        return builder;
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
