using System.Text.Json;
using Glance.Grains.Interfaces.Events;
using Glance.Grains.Interfaces.Ingest;
using Glance.Grains.Interfaces.Timeline;
using Glance.Tests.Infrastructure;
using Glance.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Glance.Tests.Cluster;

/// <summary>
/// Three cluster-mode silos in this process, each configured by the product's own hosting: membership, grain state,
/// reminders and timeline records in DynamoDB on a real dynalite, the real segment pipeline and timeline. The silo
/// running a live event's stream is killed: a survivor must go on recording with no segment skipped or recorded twice,
/// and a context query entering through any surviving silo must see the same timeline at once. (Orleans' in-process
/// test cluster always puts its own membership table last; these silos are the product's, as pods run it.)
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class ThreeSiloDynamoMembershipTests(DynaliteFixture dynalite, ITestOutputHelper output)
{
    private const string EventKey = IngestHarness.Tenant + "/three";

    [Fact]
    public async Task A_killed_stream_silo_loses_no_segment_records_none_twice_and_every_silo_answers_the_same_context()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        // One-second segments and a two-minute window: a failover of tens of seconds leaves every unrecorded segment listed.
        await using var live = await LiveHlsSource.StartAsync(segmentSeconds: 1, listSize: 120, minimumSegments: 2);
        await using var origin = await HlsFileServer.StartAsync(live.Folder.Path);
        var settings = InProcessClusterSilo.DynamoSettings(dynalite);
        var silos = new List<InProcessClusterSilo>();
        try
        {
            // The first creates the tables; the others join the cluster it founded.
            silos.Add(await InProcessClusterSilo.StartAsync(settings, cancellation.Token));
            silos.AddRange(await Task.WhenAll(InProcessClusterSilo.StartAsync(settings, cancellation.Token), InProcessClusterSilo.StartAsync(settings, cancellation.Token)));
            var membership = silos[0].Services.GetRequiredService<IMembershipTable>();
            membership.Should().BeOfType<Glance.Storage.Clustering.DynamoDBMembershipTable>();
            await Eventually.TrueAsync(
                async () => (await membership.ReadAllAsync(cancellation.Token)).Members.Count(m => m.Item1.Status == SiloStatus.Active) == 3,
                "the three silos are Active in the DynamoDB membership table",
                TimeSpan.FromSeconds(60));

            var definition = IngestHarness.LiveNow(origin.Url(live.PlaylistName)) with { Detectors = [] };
            await silos[0].Grains.GetGrain<ILiveEventGrain>(EventKey).CreateAsync(definition);
            var atKill = await Eventually.ValueAsync(
                async () => await silos[0].Grains.GetGrain<IEventTimelineGrain>(EventKey).GetSegmentsAsync(null, 100) is { Count: >= 3 } s ? s : null,
                "the cluster records the event's first segments",
                TimeSpan.FromSeconds(120));

            var owner = (await silos[0].Grains.GetGrain<IStreamIngestGrain>(EventKey).GetStatusAsync()).Owner!;
            var killed = silos[IndexOfOwner(silos, owner)];
            var lastAtKill = atKill.Max(s => s.Sequence);
            await killed.KillAsync();
            output.WriteLine($"killed the silo {owner} with {atKill.Count} segments recorded, the last {lastAtKill}");
            var survivors = silos.Where(s => s != killed).ToList();

            var recorded = await Eventually.ValueAsync(
                async () =>
                {
                    try
                    {
                        return await AllSegmentsAsync(survivors[0].Grains.GetGrain<IEventTimelineGrain>(EventKey)) is { } s && s.Max(x => x.Sequence) > lastAtKill + 5 ? s : null;
                    }
                    catch (Exception e) when (e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
                    {
                        return null; // the killed silo is not declared dead yet
                    }
                },
                "a surviving silo goes on recording the event",
                TimeSpan.FromSeconds(150));

            var sequences = recorded.Select(s => s.Sequence).ToList();
            sequences.Should().OnlyHaveUniqueItems("no segment is recorded twice");
            (sequences.Max() - sequences.Min() + 1).Should().Be(sequences.Count, "no segment is skipped across the failover");
            var newOwner = (await survivors[0].Grains.GetGrain<IStreamIngestGrain>(EventKey).GetStatusAsync()).Owner!;
            survivors.Should().Contain(silos[IndexOfOwner(silos, newOwner)], "the stream now runs on a survivor");

            // One activation answers for the cluster. Stopped and drained, the timeline no longer moves between two
            // questions: through either survivor, the same segments and the same context window.
            await survivors[0].Grains.GetGrain<ILiveEventGrain>(EventKey).StopAsync();
            await Eventually.TrueAsync(
                async () => (await survivors[0].Grains.GetGrain<IStreamIngestGrain>(EventKey).GetStatusAsync()) is { Running: false } status
                    && (await AllSegmentsAsync(survivors[0].Grains.GetGrain<IEventTimelineGrain>(EventKey))).Max(s => s.Sequence) >= status.LastSequence,
                "the stopped stream's last handed segment is recorded",
                TimeSpan.FromSeconds(60));
            var position = recorded.Where(s => s.StreamStart is not null).Max(s => s.StreamStart!.Value);
            var answers = new List<string>();
            foreach (var silo in survivors)
            {
                var timeline = silo.Grains.GetGrain<IEventTimelineGrain>(EventKey);
                var window = await timeline.GetContextAsync(position, 30, 0);
                var segments = (await AllSegmentsAsync(timeline)).Select(s => new { s.Sequence, s.AnalysedAt }).ToList();
                answers.Add(JsonSerializer.Serialize(new { window, segments }));
            }

            answers.Distinct().Should().ContainSingle("every silo answers from the one timeline activation");
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    private static int IndexOfOwner(List<InProcessClusterSilo> silos, string owner)
    {
        var index = silos.FindIndex(s => owner == s.Address.ToString());
        index.Should().BeGreaterThanOrEqualTo(0, "the stream's owner {0} is one of the silos {1}", owner, string.Join(", ", silos.Select(s => s.Address)));
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
