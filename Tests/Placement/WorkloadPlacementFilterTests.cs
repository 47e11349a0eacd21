using System.Collections.Immutable;
using System.Net;
using Glance.Grains.Gallery;
using Glance.Grains.Ingest;
using Glance.Grains.Placement;
using Glance.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Orleans.Metadata;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Glance.Tests.Placement;

public sealed class WorkloadPlacementFilterTests
{
    private static readonly SiloAddress Analysis = Silo(1);
    private static readonly SiloAddress Gallery = Silo(2);
    private static readonly SiloAddress Both = Silo(3);
    private static readonly SiloAddress Joining = Silo(4);

    private readonly CapturingLoggerProvider logs = new();
    private readonly Dictionary<SiloAddress, string?> published = new()
    {
        [Analysis] = "analysis",
        [Gallery] = "gallery",
        [Both] = "analysis,gallery",
        [Joining] = null, // its metadata not fetched yet
    };

    [Theory]
    [InlineData(SiloWorkloads.Gallery, new[] { 2, 3 })]
    [InlineData(SiloWorkloads.Analysis, new[] { 1, 3 })]
    public void Only_silos_that_publish_the_workload_are_candidates(string workload, int[] expected)
    {
        var chosen = Director().Filter(Strategy(workload), Target(), [Analysis, Gallery, Both, Joining]);

        chosen.Select(s => s.Endpoint.Port).Should().BeEquivalentTo(expected);
        Warnings().Should().BeEmpty();
    }

    [Fact]
    public void With_no_silo_for_the_workload_every_silo_stays_a_candidate_and_one_warning_says_why()
    {
        var director = Director();

        for (var i = 0; i < 3; i++)
        {
            director.Filter(Strategy(SiloWorkloads.Gallery), Target(), [Analysis, Joining]).Should().Equal(Analysis, Joining);
        }

        Warnings().Should().ContainSingle().Which.Should().Contain("'gallery'").And.Contain("Silo:Workloads");
    }

    [Fact]
    public void The_warning_comes_again_when_the_cluster_loses_its_last_silo_for_the_workload_a_second_time()
    {
        var director = Director();

        director.Filter(Strategy(SiloWorkloads.Gallery), Target(), [Analysis]);
        director.Filter(Strategy(SiloWorkloads.Analysis), Target(), [Gallery]);
        director.Filter(Strategy(SiloWorkloads.Gallery), Target(), [Analysis, Gallery]).Should().Equal(Gallery);
        director.Filter(Strategy(SiloWorkloads.Gallery), Target(), [Analysis]);

        Warnings().Should().HaveCount(3, "once per workload, and gallery again after a gallery silo came and went");
    }

    [Fact]
    public void A_strategy_without_a_workload_filters_nothing()
    {
        Director().Filter(new WorkloadPlacementFilterStrategy(), Target(), [Analysis, Joining]).Should().Equal(Analysis, Joining);
        Warnings().Should().BeEmpty();
    }

    [Fact]
    public void The_workload_travels_from_the_attribute_through_the_grain_properties_to_the_strategy_Orleans_builds()
    {
        var properties = new Dictionary<string, string>();
        new WorkloadPlacementAttribute(SiloWorkloads.Gallery).Populate(null!, typeof(GalleryJobGrain), GrainType.Create("gallery-job"), properties);

        var rebuilt = new WorkloadPlacementFilterStrategy();
        rebuilt.Initialize(new GrainProperties(properties.ToImmutableDictionary(StringComparer.Ordinal)));

        rebuilt.Workload.Should().Be(SiloWorkloads.Gallery);
    }

    [Theory]
    [InlineData(typeof(GalleryJobGrain), SiloWorkloads.Gallery)]
    [InlineData(typeof(StreamIngestGrain), SiloWorkloads.Analysis)]
    public void Gallery_jobs_and_stream_ingest_carry_their_workload(Type grain, string workload)
    {
        grain.GetCustomAttributes(typeof(WorkloadPlacementAttribute), inherit: false).Cast<WorkloadPlacementAttribute>()
            .Should().ContainSingle().Which.Workload.Should().Be(workload);
    }

    private WorkloadPlacementFilterDirector Director() =>
        new(silo => published[silo], logs.CreateLogger(typeof(WorkloadPlacementFilterDirector).FullName!));

    private List<string> Warnings() => [.. logs.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message)];

    private static WorkloadPlacementFilterStrategy Strategy(string workload) => new(workload);

    private static PlacementTarget Target() => new(GrainId.Create("gallery-job", "t/1"), [], default, 0);

    private static SiloAddress Silo(int port) => SiloAddress.New(IPAddress.Loopback, port, 1);
}
