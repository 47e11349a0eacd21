using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Glance.Demo.Channel;
using Glance.Grains.Interfaces.Access;
using Glance.Grains.Interfaces.Gallery;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Glance.Demo;

/// <summary>
/// Once the server listens, registers the demo through the public API itself (tenant, gallery, event, viewer token),
/// exactly as a broadcaster would, and prints what to try. A failure here is logged; the service keeps running.
/// </summary>
internal sealed partial class DemoBootstrap(
    IServiceProvider services,
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<DemoOptions> options,
    DemoAdministratorKey administratorKey,
    IConfiguration configuration,
    ILogger<DemoBootstrap> logger) : BackgroundService
{
    /// <summary>The label of the key a run issues when the demo tenant exists already and the kept key is gone.</summary>
    private const string DemoRunKeyLabel = "demo run";

    /// <summary>How long the demo waits for a gallery job: the face job takes a second or two, longer on a busy machine.</summary>
    private const int MaxJobPolls = 240;

    private static readonly TimeSpan JobPollInterval = TimeSpan.FromMilliseconds(250);

    private static readonly JsonSerializerOptions JobJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Viewer tokens are short-lived; the banner says how to get a fresh one.</summary>
    internal static readonly TimeSpan ViewerTokenLifetime = TimeSpan.FromHours(1);

    private readonly DemoOptions settings = options.Value;

    /// <summary>Set once the demo event is registered (tests wait on it).</summary>
    public TaskCompletionSource<DemoRegistration> Registered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WhenStartedAsync(stoppingToken);
            var registration = await RegisterAsync(stoppingToken);
            Registered.TrySetResult(registration);
            Print(registration);
            if (services.GetService<SyntheticChannel>() is { } channel)
            {
                await RenewScheduleAsync(registration, channel, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Registered.TrySetCanceled(stoppingToken);
        }
        catch (Exception e)
        {
            LogFailed(logger, e);
            Registered.TrySetException(e);
        }
    }

    private async Task WhenStartedAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(cancellationToken);
    }

    private async Task<DemoRegistration> RegisterAsync(CancellationToken cancellationToken)
    {
        var baseUri = LocalBaseUri();
        var channel = services.GetService<SyntheticChannel>();
        Uri source;
        if (channel is not null)
        {
            await channel.WaitForSegmentsAsync(1, settings.FirstSegmentTimeout, cancellationToken);
            source = new Uri(channel.PlaylistPath);
        }
        else
        {
            source = new Uri(configuration["source"]!);
        }

        using var admin = Client(baseUri, administratorKey.Resolve(services));
        var (broadcasterKey, keyReused) = await TenantKeyAsync(admin, cancellationToken);
        using var broadcaster = Client(baseUri, broadcasterKey);
        if (channel is not null)
        {
            await RegisterGalleryAsync(broadcaster, channel.Gallery, cancellationToken);
        }

        var (startsAt, eventNote) = await EnsureEventAsync(broadcaster, source, channel is not null, cancellationToken);
        if (channel is not null)
        {
            await RegisterInstrumentsAsync(broadcaster, channel.Gallery, cancellationToken);
            await RegisterScheduleAsync(broadcaster, channel, cancellationToken);
        }

        var tokenResponse = await broadcaster.PostAsJsonAsync($"/v1/viewers/{DemoInstruments.ViewerId}/tokens", new { lifetimeSeconds = (int)ViewerTokenLifetime.TotalSeconds }, cancellationToken);
        await EnsureSuccessAsync(tokenResponse, "issuing the demo viewer token", cancellationToken);
        // The demo is a client of the public API like any other: it reads the fields it needs, not the server's types.
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("token").GetString()!;
        return new DemoRegistration(baseUri, settings.TenantId, settings.EventId, source, startsAt, administratorKey.Resolve(services), broadcasterKey, keyReused, token, channel is not null, eventNote);
    }

    /// <summary>
    /// Keeps the demo event across restarts, with its segments, timeline and start time: the channel continues its
    /// playlist where it stopped. It is registered anew only on the first run, when asked (<see cref="DemoOptions.Fresh"/>),
    /// when the source changed, or when the previous one is over. Returns its start and what happened, for the banner.
    /// </summary>
    private async Task<(DateTimeOffset StartsAt, string Note)> EnsureEventAsync(HttpClient broadcaster, Uri source, bool synthetic, CancellationToken cancellationToken)
    {
        var path = $"/v1/events/{settings.EventId}";
        var now = DateTimeOffset.UtcNow;
        string? replacedBecause = null;
        using (var existing = await broadcaster.GetAsync(path, cancellationToken))
        {
            if (existing.StatusCode == HttpStatusCode.OK)
            {
                var previous = (await existing.Content.ReadFromJsonAsync<ExistingEvent>(cancellationToken))!;
                replacedBecause = settings.Fresh ? "a fresh demo was asked for (Demo:Fresh)"
                    : previous.Definition.Source != source ? "the demo source changed"
                    : previous.State is "ended" or "failed" || previous.Definition.EndsAt <= now ? $"the previous demo event was {previous.State}"
                    : null;
                if (replacedBecause is null)
                {
                    return (previous.Definition.StartsAt, $"resumed; its segments and timeline since {previous.Definition.StartsAt:u} are kept");
                }

                await EnsureSuccessAsync(await broadcaster.DeleteAsync(path, cancellationToken), "deleting the previous demo event", cancellationToken);
            }
            else if (existing.StatusCode != HttpStatusCode.NotFound)
            {
                await EnsureSuccessAsync(existing, "reading the previous demo event", cancellationToken);
            }
        }

        var startsAt = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero);
        await EnsureSuccessAsync(
            await broadcaster.PutAsJsonAsync(path, new { name = synthetic ? "Glance demo channel" : "Demo event", startsAt, endsAt = startsAt.AddDays(1), source = source.ToString() }, cancellationToken),
            "registering the demo event",
            cancellationToken);
        return (startsAt, replacedBecause is null ? "registered" : $"registered anew: {replacedBecause}; earlier segments are gone");
    }

    /// <summary>
    /// A key for the demo tenant, and whether it is the one an earlier run printed. That key is kept beside the embedded
    /// secrets (<see cref="DemoCredentials"/>) and reused while the service still accepts it; otherwise a new one is
    /// issued and the keys earlier runs printed are revoked, so that they do not pile up to the tenant's limit of 100.
    /// </summary>
    private async Task<(string Key, bool Reused)> TenantKeyAsync(HttpClient admin, CancellationToken cancellationToken)
    {
        var credentialsPath = DemoCredentials.PathFor(configuration);
        using var created = await admin.PostAsJsonAsync("/v1/tenants", new { id = settings.TenantId, name = "Demo broadcaster" }, cancellationToken);
        if (created.StatusCode == HttpStatusCode.Created)
        {
            var first = (await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("key").GetProperty("key").GetString()!;
            new DemoCredentials(settings.TenantId, first).Save(credentialsPath);
            return (first, false);
        }

        if (created.StatusCode != HttpStatusCode.Conflict)
        {
            await EnsureSuccessAsync(created, "creating the demo tenant", cancellationToken);
        }

        if (DemoCredentials.Load(credentialsPath) is { } kept && kept.TenantId == settings.TenantId && await AcceptedAsync(admin.BaseAddress!, kept.BroadcasterKey, cancellationToken))
        {
            return (kept.BroadcasterKey, true);
        }

        var issued = await admin.PostAsJsonAsync($"/v1/tenants/{settings.TenantId}/keys", new { label = DemoRunKeyLabel }, cancellationToken);
        await EnsureSuccessAsync(issued, "issuing a key for the demo tenant", cancellationToken);
        var key = (await issued.Content.ReadFromJsonAsync<IssuedApiKey>(cancellationToken))!;
        using var broadcaster = Client(admin.BaseAddress!, key.Key);
        var keys = await broadcaster.GetFromJsonAsync<List<ApiKeyInfo>>("/v1/keys", cancellationToken) ?? [];
        foreach (var stale in keys.Where(k => k.Label is DemoRunKeyLabel or ITenantGrain.FirstKeyLabel && k.RevokedAt is null && k.KeyId != key.KeyId))
        {
            await EnsureSuccessAsync(await broadcaster.DeleteAsync($"/v1/keys/{stale.KeyId}", cancellationToken), "revoking an earlier demo run's key", cancellationToken);
        }

        new DemoCredentials(settings.TenantId, key.Key).Save(credentialsPath);
        return (key.Key, false);
    }

    private static async Task<bool> AcceptedAsync(Uri baseUri, string key, CancellationToken cancellationToken)
    {
        using var client = Client(baseUri, key);
        using var response = await client.GetAsync("/v1/keys", cancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>Puts the demo's instruments and the demo viewer's profile; a PUT replaces, so a restart changes nothing.</summary>
    private async Task RegisterInstrumentsAsync(HttpClient broadcaster, DemoGallery gallery, CancellationToken cancellationToken)
    {
        foreach (var (id, definition) in DemoInstruments.For(gallery))
        {
            await EnsureSuccessAsync(
                await broadcaster.PutAsJsonAsync($"/v1/events/{settings.EventId}/instruments/{id}", definition, cancellationToken),
                $"registering the demo instrument {id}",
                cancellationToken);
        }

        await EnsureSuccessAsync(
            await broadcaster.PutAsJsonAsync($"/v1/viewers/{DemoInstruments.ViewerId}/profile", DemoInstruments.ViewerProfile, cancellationToken),
            "registering the demo viewer's profile",
            cancellationToken);
    }

    /// <summary>
    /// Puts the channel's schedule (news then a match, every cycle) from the cycle on air now, aligned by the channel's
    /// own clock (its programme phase at this instant, ffmpeg's start-up skew included), up to the horizon.
    /// </summary>
    private async Task RegisterScheduleAsync(HttpClient broadcaster, SyntheticChannel channel, CancellationToken cancellationToken)
    {
        var programme = channel.Options.Programme;
        var now = DateTimeOffset.UtcNow;
        var phase = channel.ProgrammeAt(now)?.Phase ?? programme.PhaseAt(now);
        var cycleStart = new DateTimeOffset((now - phase).UtcTicks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        var programs = DemoSchedule.Programs(programme, channel.Gallery, cycleStart, settings.ScheduleHorizon);
        await EnsureSuccessAsync(
            await broadcaster.PutAsJsonAsync($"/v1/events/{settings.EventId}/schedule", new { programs }, cancellationToken),
            "registering the demo schedule",
            cancellationToken);
        LogScheduled(logger, settings.EventId, programs.Count, programs[^1].End);
    }

    /// <summary>Registers the schedule again halfway through what it covers, for as long as the service runs.</summary>
    private async Task RenewScheduleAsync(DemoRegistration demo, SyntheticChannel channel, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(DemoSchedule.RenewalInterval(channel.Options.Programme, settings.ScheduleHorizon));
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                using var broadcaster = Client(demo.BaseUri, demo.BroadcasterKey);
                await RegisterScheduleAsync(broadcaster, channel, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogScheduleRenewalFailed(logger, e);
            }
        }
    }

    private static async Task RegisterGalleryAsync(HttpClient broadcaster, DemoGallery gallery, CancellationToken cancellationToken)
    {
        await EnsureJobSucceededAsync(
            broadcaster,
            await broadcaster.PutAsJsonAsync($"/v1/people/{gallery.Presenter.Id}", new { name = gallery.Presenter.Name, images = new[] { gallery.Presenter.Photo } }, cancellationToken),
            "registering the demo presenter",
            cancellationToken);
        await EnsureJobSucceededAsync(
            broadcaster,
            await broadcaster.PutAsJsonAsync($"/v1/logos/{gallery.Logo.Id}", new { name = gallery.Logo.Name, image = gallery.Logo.Png, widthOnAir = gallery.Logo.WidthOnAir }, cancellationToken),
            "registering the demo logo",
            cancellationToken);
        foreach (var team in gallery.Teams)
        {
            await EnsureSuccessAsync(
                await broadcaster.PutAsJsonAsync($"/v1/teams/{team.Id}", new { name = team.Name, abbreviations = team.Abbreviations }, cancellationToken),
                $"registering team {team.Name}",
                cancellationToken);
        }
    }

    /// <summary>A gallery upload is answered 202 with its job: the demo waits (bounded) until the job has written the item.</summary>
    private static async Task EnsureJobSucceededAsync(HttpClient broadcaster, HttpResponseMessage accepted, string what, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(accepted, what, cancellationToken);
        var location = accepted.Headers.Location ?? throw new InvalidOperationException($"The demo set-up failed {what}: the upload's job has no location.");
        for (var poll = 0; poll < MaxJobPolls; poll++)
        {
            var job = await broadcaster.GetFromJsonAsync<GalleryJobView>(location, JobJson, cancellationToken);
            switch (job?.Status)
            {
                case GalleryJobStatus.Succeeded:
                    return;
                case GalleryJobStatus.Failed:
                    throw new InvalidOperationException($"The demo set-up failed {what}: {job.Problem?.Detail}");
            }

            await Task.Delay(JobPollInterval, cancellationToken);
        }

        throw new InvalidOperationException($"The demo set-up failed {what}: its job did not finish in {MaxJobPolls * JobPollInterval.TotalSeconds} s.");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"The demo set-up failed {what}: {(int)response.StatusCode} {body}");
        }
    }

    private Uri LocalBaseUri()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no address to register the demo through.");
        var uri = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("+", "127.0.0.1", StringComparison.Ordinal).Replace("*", "127.0.0.1", StringComparison.Ordinal));
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    private static HttpClient Client(Uri baseUri, string credential)
    {
        var client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        return client;
    }

    private void Print(DemoRegistration demo)
    {
        var site = demo.BaseUri.ToString().TrimEnd('/').Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var what = demo.Synthetic
            ? "a synthetic live channel (news then a match every minute: a presenter's face for 20 s, a POR 1 - 0 SAN scoreboard, a GTV Sports logo, a 10 s ad break signalled by SCTE-35 cues; scripted faults: other teams on the scoreboard, 10 s of silence, black frames, a logo dropout)"
            : demo.Source.ToString();
        var freshToken = $"curl -X POST -H \"Authorization: Bearer {demo.BroadcasterKey}\" -H \"Content-Type: application/json\" -d '{{}}' {site}/v1/viewers/demo-viewer/tokens";
        Console.WriteLine($"""

            ── Glance is running ───────────────────────────────────────────────────────────
              Dashboard       {site}/   (sign in with the broadcaster key below: checks and incidents, live)
              API page        {site}/docs
              OpenAPI         {site}/openapi/v1.json
              Health          {site}/healthz   {site}/readyz   {site}/metrics
              Demo event      {demo.EventId} (tenant {demo.TenantId}) watching {what}
                              {demo.EventNote}
              Admin key       {demo.AdminKey}
              Broadcaster key {demo.BroadcasterKey}{(demo.BroadcasterKeyReused ? " (the one earlier runs printed)" : string.Empty)}
              Viewer token    {demo.ViewerToken}
                              (valid {ViewerTokenLifetime.TotalMinutes:0} min; a fresh one:
                               {freshToken})

              What was on screen in the last minute (entities appear within a minute of start):
                curl -H "Authorization: Bearer {demo.ViewerToken}" \
                  "{site}/v1/events/{demo.EventId}/context?at=$(date -u +%Y-%m-%dT%H:%M:%SZ)&before=60&after=0"
              The engagement instrument for the demo viewer there (trivia, poll, ad or offer; 204 when none fits yet):
                curl -H "Authorization: Bearer {demo.ViewerToken}" \
                  "{site}/v1/events/{demo.EventId}/instruments/next?at=$(date -u +%Y-%m-%dT%H:%M:%SZ)&before=60&after=0"
              The event, its ingestion status and its analysed segments:
                curl -H "Authorization: Bearer {demo.BroadcasterKey}" {site}/v1/events/{demo.EventId}
                curl -H "Authorization: Bearer {demo.BroadcasterKey}" {site}/v1/events/{demo.EventId}/segments
              The schedule and the incidents the scripted faults open (the first within about a minute):
                curl -H "Authorization: Bearer {demo.BroadcasterKey}" {site}/v1/events/{demo.EventId}/incidents
            ────────────────────────────────────────────────────────────────────────────────

            """);
        // The source without its query: a signed URL's token must not reach the logs.
        LogRegistered(logger, demo.EventId, demo.Source.GetLeftPart(UriPartial.Path));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo event {EventId} registered on {Source}")]
    private static partial void LogRegistered(ILogger logger, string eventId, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo event {EventId}: schedule of {Programs} programs registered, up to {Until:u}")]
    private static partial void LogScheduled(ILogger logger, string eventId, int programs, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The demo schedule could not be renewed; the next try is at the next renewal")]
    private static partial void LogScheduleRenewalFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The demo set-up failed; the service runs without the demo event")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>What the demo set-up registered.</summary>
/// <param name="BroadcasterKeyReused">The key is the one an earlier run printed (a restart over the same data folder).</param>
/// <param name="EventNote">Whether the event was resumed or registered (anew, and why), in words.</param>
public sealed record DemoRegistration(
    Uri BaseUri,
    string TenantId,
    string EventId,
    Uri Source,
    DateTimeOffset StartsAt,
    string AdminKey,
    string BroadcasterKey,
    bool BroadcasterKeyReused,
    string ViewerToken,
    bool Synthetic,
    string EventNote);

/// <summary>What the demo set-up reads of an event it finds registered already.</summary>
internal sealed record ExistingEvent(ExistingEventDefinition Definition, string State);

internal sealed record ExistingEventDefinition(DateTimeOffset StartsAt, DateTimeOffset EndsAt, Uri Source);
