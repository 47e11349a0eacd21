using System.Globalization;
using System.Net;
using System.Text.Json;
using Glance.Grains.Interfaces.Events;
using Glance.Grains.Interfaces.Ingest;
using Glance.Grains.Interfaces.Timeline;
using Glance.Storage.Hosting;
using Glance.Tests.Infrastructure;
using Glance.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Glance.Tests.Cluster;

/// <summary>
/// Three silos of Orleans' in-process test cluster whose membership is our DynamoDB membership table on a real
/// dynalite (not the test cluster's own), with the real segment pipeline and timeline. The silo running a live event's
/// stream is killed: a survivor must go on recording with no segment skipped or recorded twice, and a context query
/// entering through any surviving silo must see the same timeline at once.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class ThreeSiloDynamoMembershipTests(DynaliteFixture dynalite, ITestOutputHelper output)
{
    private const string EventKey = IngestHarness.Tenant + "/three";

    [Fact]
    public async Task A_killed_stream_silo_loses_no_segment_records_none_twice_and_every_silo_answers_the_same_context()
    {
        // One-second segments and a two-minute window: a failover of tens of seconds leaves every unrecorded segment listed.
        await using var live = await LiveHlsSource.StartAsync(segmentSeconds: 1, listSize: 120, minimumSegments: 2);
        await using var origin = await HlsFileServer.StartAsync(live.Folder.Path);
        using var folder = new TemporaryDirectory();
        var tablePrefix = DynaliteFixture.NewTablePrefix();
        await using var cluster = await TestSilo.StartAsync(
            settings: IngestHarness.Settings(("Events:ReconcileInterval", "00:00:02")),
            silos: 3,
            reminderDatabase: Path.Combine(folder.Path, "reminders.db"),
            configureCluster: builder =>
            {
                // Registered after the test cluster's own in-process membership table, ours replaces it.
                builder.ConfigureSilo((_, silo) =>
                {
                    silo.ConfigureEndpoints(IPAddress.Loopback, FreePort.Next(), FreePort.Next());
                    silo.UseDynamoDBClustering(o =>
                    {
                        o.Service = dynalite.ServiceUrl;
                        o.TableName = tablePrefix + "membership";
                    });
                    // Failure detection quick enough for a test, as an operator would tune a small cluster.
                    silo.Configure<ClusterMembershipOptions>(o =>
                    {
                        o.ProbeTimeout = TimeSpan.FromSeconds(2);
                        o.NumMissedProbesLimit = 2;
                        o.NumVotesForDeathDeclaration = 1;
                    });
                });
            });

        var membership = cluster.Services.GetRequiredService<IMembershipTable>();
        membership.Should().BeOfType<Glance.Storage.Clustering.DynamoDBMembershipTable>();
        (await membership.ReadAllAsync(CancellationToken.None)).Members.Count(m => m.Item1.Status == SiloStatus.Active).Should().Be(3, "the three silos joined through the DynamoDB table");

        var definition = IngestHarness.LiveNow(origin.Url(live.PlaylistName)) with { Detectors = [] };
        await cluster.Grain<ILiveEventGrain>(EventKey).CreateAsync(definition);
        var timeline = cluster.Grain<IEventTimelineGrain>(EventKey);
        var atKill = await Eventually.ValueAsync(
            async () => await timeline.GetSegmentsAsync(null, 100) is { Count: >= 3 } s ? s : null,
            "the cluster records the event's first segments",
            TimeSpan.FromSeconds(120));

        var owner = (await cluster.Grain<IStreamIngestGrain>(EventKey).GetStatusAsync()).Owner!;
        var ownerIndex = IndexOfOwner(cluster, owner);
        var lastAtKill = atKill.Max(s => s.Sequence);
        await cluster.StopSiloAsync(ownerIndex, kill: true);
        output.WriteLine($"killed silo {ownerIndex} ({owner}) with {atKill.Count} segments recorded, the last {lastAtKill}");
        var survivors = Enumerable.Range(0, 3).Where(i => i != ownerIndex).ToList();
        var survivorTimeline = cluster.GrainsOf(survivors[0]).GetGrain<IEventTimelineGrain>(EventKey);

        var recorded = await Eventually.ValueAsync(
            async () =>
            {
                try
                {
                    return await AllSegmentsAsync(survivorTimeline) is { } s && s.Max(x => x.Sequence) > lastAtKill + 5 ? s : null;
                }
                catch (Exception e) when (e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
                {
                    return null; // the dead silo is not declared dead yet
                }
            },
            "a surviving silo goes on recording the event",
            TimeSpan.FromSeconds(150));

        var sequences = recorded.Select(s => s.Sequence).ToList();
        sequences.Should().OnlyHaveUniqueItems("no segment is recorded twice");
        (sequences.Max() - sequences.Min() + 1).Should().Be(sequences.Count, "no segment is skipped across the failover");
        var newOwner = (await cluster.GrainsOf(survivors[0]).GetGrain<IStreamIngestGrain>(EventKey).GetStatusAsync()).Owner!;
        survivors.Should().Contain(IndexOfOwner(cluster, newOwner), "the stream now runs on a survivor");

        // One activation answers every silo: the same window, through either survivor, at once.
        var position = recorded.Where(s => s.StreamStart is not null).Max(s => s.StreamStart!.Value);
        var answers = new List<string>();
        foreach (var index in survivors)
        {
            var window = await cluster.GrainsOf(index).GetGrain<IEventTimelineGrain>(EventKey).GetContextAsync(position, 30, 0);
            var segments = await AllSegmentsAsync(cluster.GrainsOf(index).GetGrain<IEventTimelineGrain>(EventKey));
            answers.Add(JsonSerializer.Serialize(new { window, last = segments.Max(s => s.Sequence) }));
        }

        answers.Distinct().Should().ContainSingle("every silo answers from the one timeline activation");
    }

    private static int IndexOfOwner(TestSilo cluster, string owner)
    {
        var addresses = cluster.SiloAddresses;
        var index = addresses.ToList().FindIndex(a => owner.Contains(a.Endpoint.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        index.Should().BeGreaterThanOrEqualTo(0, "the stream's owner {0} is one of the silos {1}", owner, string.Join(", ", addresses));
        return index;
    }

    private static async Task<List<SegmentStatus>> AllSegmentsAsync(IEventTimelineGrain timeline)
    {
        var all = new List<SegmentStatus>();
        long? after = null;
        for (var page = 0; page < 100; page++)
        {
            var next = await timeline.GetSegmentsAsync(after, 100);
            if (next.Count == 0)
            {
                break;
            }

            all.AddRange(next);
            after = next[^1].Sequence;
        }

        return all;
    }
}
