using System.Text.Json;
using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Events;
using Glance.Grains.Interfaces.Ingest;
using Glance.Grains.Ingest;
using Glance.Storage;
using Glance.Storage.Persistence;
using Glance.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Tests.Ingest;

/// <summary>A silo with the real ingest grains and fetcher, loopback allowed, and a recording segment handler.</summary>
public sealed class IngestHarness : IAsyncDisposable
{
    public const string Tenant = "acme";

    private IngestHarness(TestSilo silo, RecordingSegmentHandler handler)
    {
        Silo = silo;
        Handler = handler;
    }

    public TestSilo Silo { get; }

    public RecordingSegmentHandler Handler { get; }

    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Ingest:AllowedNetworks:0"] = "127.0.0.0/8",
            ["Ingest:PlaylistRequestTimeout"] = "00:00:02",
            ["Ingest:PlaylistDeadline"] = "00:00:04",
            ["Ingest:MaxAttempts"] = "2",
            ["Ingest:RetryBaseDelay"] = "00:00:00.100",
            ["Ingest:Streams:MaxErrorBackoff"] = "00:00:02",
            ["Ingest:Streams:ResumeInterval"] = "00:00:01",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<IngestHarness> StartAsync(IStorageProvider? storage = null, Dictionary<string, string?>? settings = null, TimeProvider? clock = null, string? reminderDatabase = null, Action<IServiceCollection>? configure = null)
    {
        RecordingSegmentHandler? handler = null;
        var silo = await TestSilo.StartAsync(
            storage,
            settings ?? Settings(),
            clock,
            services =>
            {
                services.AddSingleton<Glance.Grains.Interfaces.Ingest.ISegmentHandler>(sp => handler = new RecordingSegmentHandler(sp));

                // Network timeouts run on real time even when a test drives the schedule with a manual clock.
                services.AddSingleton(sp => new Glance.Media.Fetching.SourceFetcher(sp.GetRequiredService<Glance.Media.Fetching.SsrfGuard>(), sp.GetRequiredService<Glance.Media.Fetching.FetchMetrics>(), TimeProvider.System));
                configure?.Invoke(services);
            },
            reminderDatabase: reminderDatabase);
        _ = silo.Services.GetRequiredService<Glance.Grains.Interfaces.Ingest.ISegmentHandler>();
        return new IngestHarness(silo, handler!);
    }

    public ILiveEventGrain Event(string eventId) => Silo.Grain<ILiveEventGrain>(ResourceId.Scoped(Tenant, eventId));

    public IStreamIngestGrain Stream(string eventId) => Silo.Grain<IStreamIngestGrain>(ResourceId.Scoped(Tenant, eventId));

    public static LiveEventDefinition LiveNow(Uri source, TimeProvider? clock = null)
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        return new LiveEventDefinition("Test event", now.AddMinutes(-1), now.AddHours(1), source);
    }

    /// <summary>The stream grain's persisted state, read straight from the store.</summary>
    public static async Task<StreamIngestState?> StoredStateAsync(IStorageProvider storage, string eventId)
    {
        var stored = await storage.GrainState.ReadAsync("stream@stream-ingest", "stream-ingest/" + ResourceId.Scoped(Tenant, eventId), CancellationToken.None);
        return stored is null ? null : JsonSerializer.Deserialize<StreamIngestState>(stored.Data.Span, JsonGrainStorageSerializer.DefaultOptions);
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Handler.DisposeAsync();
    }
}
