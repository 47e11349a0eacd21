using Glance.Detection;
using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Events;
using Glance.Grains.Interfaces.Timeline;
using Glance.Storage;
using Glance.Storage.Sqlite;
using Glance.Tests.Infrastructure;
using Glance.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Tests.Pipeline;

/// <summary>Ingest, pipeline and timeline across a process restart on one SQLite file.</summary>
[Collection(LiveMediaCollection.Name)]
public sealed class TimelineRestartTests
{
    [Fact]
    public async Task After_a_restart_mid_stream_the_timeline_has_no_gaps_and_no_duplicates()
    {
        await using var live = await LiveHlsSource.StartAsync(segmentSeconds: 1, listSize: 10, minimumSegments: 2);
        await using var origin = await HlsFileServer.StartAsync(live.Folder.Path);
        using var folder = new TemporaryDirectory();
        var storeOptions = new SqliteStorageOptions { Path = Path.Combine(folder.Path, "glance.db") };
        var key = ResourceId.Scoped("acme", "restart");
        var settings = IngestHarness.Settings(("Ingest:Streams:Start", "FirstInWindow"), ("Reminders:Database", storeOptions.Path));
        double positionAtStop;

        using (var storage = new SqliteStorageProvider(storeOptions))
        {
            await using var first = await StartSiloAsync(storage, settings);
            await first.Grain<ILiveEventGrain>(key).CreateAsync(new LiveEventDefinition(
                "Restart", DateTimeOffset.UtcNow.AddSeconds(-30), DateTimeOffset.UtcNow.AddHours(1), origin.Url(live.PlaylistName), Detectors: ["faces"]));
            await Eventually.TrueAsync(async () => await SpanAsync(first, key) >= 5, "the first process analyses a few seconds", TimeSpan.FromSeconds(90));
            positionAtStop = (await FramesAsync(first, key)).Max(f => f.Position);
        }

        using var reopened = new SqliteStorageProvider(storeOptions);
        await using var second = await StartSiloAsync(reopened, settings);
        await Eventually.TrueAsync(
            async () => (await FramesAsync(second, key)).Max(f => f.Position) >= positionAtStop + 6,
            "the second process goes on by itself",
            TimeSpan.FromSeconds(90));

        var positions = (await FramesAsync(second, key)).Select(f => Math.Round(f.Position)).ToList();
        positions.Should().OnlyHaveUniqueItems("a segment analysed twice is stored once");
        positions.Should().BeInAscendingOrder();
        for (var i = 1; i < positions.Count; i++)
        {
            (positions[i] - positions[i - 1]).Should().Be(1, $"the timeline has a frame every second (gap after {positions[i - 1]} s)");
        }
    }

    private static Task<TestSilo> StartSiloAsync(IStorageProvider storage, Dictionary<string, string?> settings) =>
        TestSilo.StartAsync(storage, settings, configure: services => services.AddSingleton<IFrameDetector, AlwaysSeesAda>(), reminderDatabase: settings["Reminders:Database"]);

    private static async Task<IReadOnlyList<TimelineEntry>> FramesAsync(TestSilo silo, string key) =>
        (await silo.Grain<IEventTimelineGrain>(key).GetTimelineAsync(-100_000, 10_000_000, null, 1000)).Entries;

    private static async Task<double> SpanAsync(TestSilo silo, string key)
    {
        var frames = await FramesAsync(silo, key);
        return frames.Count == 0 ? 0 : frames[^1].Position - frames[0].Position;
    }
}
