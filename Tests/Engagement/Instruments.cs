using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Glance.Tests.Api;
using Glance.Tests.Timeline;

namespace Glance.Tests.Engagement;

/// <summary>A tenant with one event whose timeline shows Messi and a sports ball from 40 to 50 s, and instruments put through the API.</summary>
internal sealed class Instruments
{
    private Instruments(ApiFactory api, HttpClient broadcaster, string tenantId, string eventId)
    {
        Api = api;
        Broadcaster = broadcaster;
        TenantId = tenantId;
        EventId = eventId;
    }

    public ApiFactory Api { get; }

    public HttpClient Broadcaster { get; }

    public string TenantId { get; }

    public string EventId { get; }

    public string Path => $"/v1/events/{EventId}/instruments";

    public static async Task<Instruments> StartAsync(ApiFactory api, string eventId = "match")
    {
        var (broadcaster, tenant) = await api.NewTenantAsync();
        (await broadcaster.PostAsJsonAsync("/v1/events", ApiFactory.UpcomingEvent(eventId))).EnsureSuccessStatusCode();
        await api.RecordAsync(tenant.Tenant.Id, eventId, EventTimelineGrainTests.Result(0, 1, 40, 10, ("person", "messi", "Lionel Messi"), ("label", null, "sports ball")));
        return new Instruments(api, broadcaster, tenant.Tenant.Id, eventId);
    }

    public static object Trivia(string name = "Who scored?", object? targeting = null, int priority = 0, int? maxPerViewer = null, double? minSpacingSeconds = null, object? validity = null) => new
    {
        kind = "trivia",
        name,
        question = new { question = "How many Ballon d'Or awards has he won?", choices = new[] { "5", "7", "8" }, answer = 2 },
        targeting,
        validity,
        maxPerViewer,
        minSpacingSeconds,
        priority,
    };

    public static object Poll(string name = "Man of the match", object? targeting = null, int priority = 0) => new
    {
        kind = "poll",
        name,
        poll = new { question = "Who was the man of the match?", options = new[] { "Messi", "Pepe", "Taremi" } },
        targeting,
        priority,
    };

    public static object Ad(string name = "Ball ad", object? targeting = null, int priority = 0, decimal bid = 0) => new
    {
        kind = "ad",
        name,
        ad = new { creativeUrl = "https://cdn.example.com/ads/ball.mp4", clickThroughUrl = "https://shop.example.com/ball?src=glance&x=1", durationSeconds = 15.5, advertiser = "Ball & Co" },
        targeting,
        priority,
        bid,
    };

    public async Task PutAsync(string instrumentId, object instrument)
    {
        var response = await Broadcaster.PutAsJsonAsync($"{Path}/{instrumentId}", instrument);
        response.StatusCode.Should().BeOneOf([HttpStatusCode.Created, HttpStatusCode.OK], await response.Content.ReadAsStringAsync());
    }

    public async Task<HttpClient> ViewerAsync(string viewerId, object? profile = null)
    {
        var viewer = Api.As(await Api.ViewerTokenAsync(Broadcaster, viewerId));
        if (profile is not null)
        {
            (await viewer.PutAsJsonAsync($"/v1/viewers/{viewerId}/profile", profile)).EnsureSuccessStatusCode();
        }

        return viewer;
    }

    /// <summary>The decision at a position, or null for 204.</summary>
    public async Task<JsonElement?> NextAsync(HttpClient viewer, double position = 45)
    {
        var response = await viewer.GetAsync($"{Path}/next?position={position}");
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return null;
        }

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public static string ChosenId(JsonElement? decision) => decision!.Value.GetProperty("instrument").GetProperty("id").GetString()!;
}
