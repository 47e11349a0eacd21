using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Events;
using Glance.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;

namespace Glance.Tests.Ingest;

/// <summary>
/// A silo activates grains (and fires their reminders) while the rest of its host is still starting. A stream resumed
/// then must not read its source before the host has started: the source may be the host's own listener.
/// </summary>
public sealed class IngestStartGateTests
{
    private const string LivePlaylist = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:1,\na.ts\n";

    [Fact]
    public async Task A_stream_started_while_the_host_starts_reads_its_source_only_once_the_host_has_started()
    {
        using var folder = new TemporaryDirectory();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "live.m3u8"), LivePlaylist);
        await using var origin = await HlsFileServer.StartAsync(folder.Path);
        var probe = new StartProbe(origin);

        await using var harness = await IngestHarness.StartAsync(configure: services =>
        {
            services.AddSingleton(probe);
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, StartsAnEventDuringSiloStart>();
        });

        probe.EventCreated.Should().BeTrue("the event was created while the silo started, before the host had started");
        probe.RequestsWhenHostStarted.Should().Be(0, "polling is held until the host has started");
        await Eventually.TrueAsync(() => origin.Requests > 0, "the stream reads its source once the host has started", TimeSpan.FromSeconds(30));
    }

    private sealed class StartProbe(HlsFileServer origin)
    {
        public HlsFileServer Origin { get; } = origin;

        public bool EventCreated { get; set; }

        public int? RequestsWhenHostStarted { get; set; }
    }

    /// <summary>Creates a live event in the silo's last start stage, then keeps the host starting a while longer.</summary>
    private sealed class StartsAnEventDuringSiloStart(IGrainFactory grains, IHostApplicationLifetime lifetime, StartProbe probe)
        : ILifecycleParticipant<ISiloLifecycle>
    {
        /// <summary>Without the gate the stream loads its playlist at once and again every target duration (1 s).</summary>
        private static readonly TimeSpan HostStartsLater = TimeSpan.FromSeconds(2);

        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(nameof(StartsAnEventDuringSiloStart), ServiceLifecycleStage.Active + 1, async cancellationToken =>
            {
                lifetime.ApplicationStarted.Register(() => probe.RequestsWhenHostStarted = probe.Origin.Requests);
                var live = IngestHarness.LiveNow(probe.Origin.Url("live.m3u8"));
                var created = await grains.GetGrain<ILiveEventGrain>(ResourceId.Scoped(IngestHarness.Tenant, "starting")).CreateAsync(live);
                probe.EventCreated = created.State == LiveEventState.Live;
                await Task.Delay(HostStartsLater, cancellationToken);
            });
    }
}
