using System.Diagnostics.Metrics;
using System.Text.Json;
using Glance.Grains.Hosting;
using Glance.Storage;
using Glance.Hosting.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Glance.Hosting;

/// <summary>
/// The silo role: an Orleans silo with the product's grains, storage providers and streams, the services the grains
/// call, and the operational endpoints every process serves (health, readiness, metrics). The Api host adds it (the
/// API is co-hosted in every silo); the Silo host runs it alone.
/// </summary>
public static class SiloRole
{
    /// <summary>Adds the silo role; also puts the shared configuration defaults under the host's own sources.</summary>
    public static WebApplicationBuilder AddSiloRole(this WebApplicationBuilder builder, IDictionary<string, string?>? hostDefaults = null)
    {
        SiloDefaults.AddTo(builder.Configuration, hostDefaults ?? new Dictionary<string, string?>());
        var mode = builder.Configuration.GetSection(HostingOptions.SectionName).Get<HostingOptions>()?.Mode ?? HostingMode.Embedded;
        builder.Services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection(StorageOptions.SectionName));
        builder.Services.AddOptions<SiloWorkloadOptions>().Bind(builder.Configuration.GetSection(SiloWorkloadOptions.SectionName)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SiloWorkloadOptions>, SiloWorkloadOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IStorageProvider>(StorageProviderFactory.Create);
        builder.Services.AddHostedService<RecordStoreInitializer>();
        builder.Services.AddGrainServices(builder.Configuration);
        builder.Host.UseOrleans(silo => OrleansSilo.Configure(silo, builder.Configuration, mode));
        builder.Services.AddSingleton(sp => new PrometheusMetricsExporter(PrometheusMetricsExporter.ForHost(sp.GetRequiredService<IMeterFactory>())));
        builder.Services.AddSingleton<StorageMetrics>();
        builder.Services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: ["ready"])
            .AddCheck<SiloStatusHealthCheck>("silo", tags: ["ready"])
            .AddCheck<IngestStartedHealthCheck>("ingest", tags: ["ready"]);
        return builder;
    }

    /// <summary>/healthz (the process serves requests), /readyz (its dependencies answer), /metrics (Prometheus).</summary>
    public static WebApplication MapOperationalEndpoints(this WebApplication app)
    {
        app.Services.GetRequiredService<PrometheusMetricsExporter>(); // start listening before the first scrape
        app.Services.GetRequiredService<StorageMetrics>(); // observed on each scrape: nothing else asks for it
        // Probes and scrapes come from the platform, not from callers: never rate-limited.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealthAsync })
            .ExcludeFromDescription().DisableRateLimiting();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteHealthAsync })
            .ExcludeFromDescription().DisableRateLimiting();
        app.MapGet("/metrics", (PrometheusMetricsExporter exporter) => Results.Text(exporter.Scrape(), "text/plain; version=0.0.4; charset=utf-8"))
            .ExcludeFromDescription().DisableRateLimiting();
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }
}
