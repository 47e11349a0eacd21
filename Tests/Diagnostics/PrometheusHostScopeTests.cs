using System.Diagnostics.Metrics;
using Glance.Grains.Analysis;
using Glance.Hosting.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Tests.Diagnostics;

/// <summary>Every Glance meter comes from a host's meter factory, and a host's /metrics shows its own counts alone.</summary>
public sealed class PrometheusHostScopeTests
{
    [Fact]
    public void Two_hosts_in_one_process_each_export_only_their_own_counts()
    {
        using var first = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var second = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var firstMeters = first.GetRequiredService<IMeterFactory>();
        var secondMeters = second.GetRequiredService<IMeterFactory>();
        using var firstExporter = new PrometheusMetricsExporter(PrometheusMetricsExporter.ForHost(firstMeters));
        using var secondExporter = new PrometheusMetricsExporter(PrometheusMetricsExporter.ForHost(secondMeters));

        new PipelineMetrics(firstMeters).Segments.Add(3, new KeyValuePair<string, object?>("outcome", "analysed"));
        new PipelineMetrics(secondMeters).Segments.Add(5, new KeyValuePair<string, object?>("outcome", "analysed"));

        Sample(firstExporter.Scrape()).Should().Be("glance_pipeline_segments_total{outcome=\"analysed\"} 3");
        Sample(secondExporter.Scrape()).Should().Be("glance_pipeline_segments_total{outcome=\"analysed\"} 5");
    }

    private static string Sample(string scrape) =>
        scrape.Split('\n').Single(l => l.StartsWith("glance_pipeline_segments_total{", StringComparison.Ordinal));
}
