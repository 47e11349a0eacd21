using Glance.Grains.Interfaces.Gallery;
using Glance.Grains.Interfaces.Ingest;
using Glance.Grains.Placement;
using Glance.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Glance.Tests.Cluster;

/// <summary>
/// Two cluster-mode silos configured by the product's own hosting, one with Silo:Workloads=analysis, one with gallery:
/// gallery jobs activate only on the gallery silo and stream ingest (with the segment pipeline beside it) only on the
/// analysis silo, whichever silo the call enters through.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class WorkloadPlacementClusterTests(DynaliteFixture dynalite)
{
    private const int Keys = 8;
    private const string Tenant = "workloads";

    [Fact]
    public async Task Gallery_jobs_activate_only_on_the_gallery_silo_and_stream_ingest_only_on_the_analysis_silo()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var settings = InProcessClusterSilo.DynamoSettings(dynalite);
        await using var analysis = await InProcessClusterSilo.StartAsync(With(settings, SiloWorkloads.Analysis), cancellation.Token);
        await using var gallery = await InProcessClusterSilo.StartAsync(With(settings, SiloWorkloads.Gallery), cancellation.Token);
        // Until a silo has the other's grain manifest it places nothing there, and until it has the other's metadata it
        // counts the other as doing nothing: either way it would fall back to itself.
        await Eventually.TrueAsync(
            () => Task.FromResult(Knows(analysis, gallery.Address, SiloWorkloads.Gallery) && Knows(gallery, analysis.Address, SiloWorkloads.Analysis)),
            "each silo knows the other's grains and workloads",
            TimeSpan.FromSeconds(60));

        var management = analysis.Grains.GetGrain<IManagementGrain>(0);
        for (var i = 0; i < Keys; i++)
        {
            // Each call enters through the silo of the other workload: prefer-local (gallery jobs) or a random pick
            // (stream ingest) alone would put some of them there.
            var job = analysis.Grains.GetGrain<IGalleryJobGrain>($"{Tenant}/job-{i}");
            (await job.GetAsync(cancellation.Token)).Should().BeNull("no upload was ever submitted for it");
            (await management.GetActivationAddress(job, cancellation.Token)).Should().Be(gallery.Address, "gallery job {0} runs on the gallery silo", i);

            var ingest = gallery.Grains.GetGrain<IStreamIngestGrain>($"{Tenant}/event-{i}");
            var status = await ingest.GetStatusAsync(cancellation.Token);
            status.Owner.Should().Be(analysis.Address.ToString(), "stream {0} is polled and analysed on the analysis silo", i);
            (await management.GetActivationAddress(ingest, cancellation.Token)).Should().Be(analysis.Address);
        }
    }

    private static Dictionary<string, string?> With(Dictionary<string, string?> settings, string workload) =>
        new(settings) { ["Silo:Workloads"] = workload };

    private static bool Knows(InProcessClusterSilo observer, SiloAddress silo, string workload) =>
        observer.Services.GetRequiredService<IClusterManifestProvider>().Current.Silos.ContainsKey(silo)
        && observer.Services.GetRequiredService<ISiloMetadataCache>().GetSiloMetadata(silo).Metadata.GetValueOrDefault(SiloWorkloads.MetadataKey) == workload;
}
