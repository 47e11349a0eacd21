using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Glance.Tests.Timeline;

namespace Glance.Tests.Api;

/// <summary>
/// The OpenAPI document against the answers the API really gives: real requests, successful and failing, reach every
/// operation of the document, and each status answered is one the document declares for that operation.
/// </summary>
public sealed class OpenApiStatusTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly List<(string Operation, int Status)> answered = [];

    [Fact]
    public async Task Every_status_answered_is_declared_for_its_operation_and_every_operation_is_exercised()
    {
        var document = await api.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var (broadcaster, tenant) = await api.NewTenantAsync();
        var viewer = api.As(await api.ViewerTokenAsync(broadcaster, "v1"));
        var admin = api.Admin();
        var anonymous = api.Anonymous();

        await TenantsAndKeysAsync(admin, broadcaster, viewer, anonymous);
        await EventsAsync(broadcaster);
        await api.RecordAsync(tenant.Tenant.Id, "oa", EventTimelineGrainTests.Result(0, 1, 0, 2, ("logo", "gtv", "GTV")));
        await TimelineAsync(broadcaster, viewer, anonymous);
        await MonitoringAsync(broadcaster);
        await WebhooksAsync(broadcaster);
        await GalleryAsync(broadcaster);
        await ViewerProfilesAsync(viewer);
        await InstrumentsAsync(broadcaster, viewer, anonymous);

        var declared = Declared(document);
        answered.Where(a => !declared.TryGetValue(a.Operation, out var statuses) || !statuses.Contains(a.Status))
            .Select(a => $"{a.Operation} answered {a.Status}")
            .Distinct()
            .Should().BeEmpty("every status the API answers is declared for the operation in /openapi/v1.json");
        declared.Keys.Except(answered.Select(a => a.Operation)).Should().BeEmpty("every operation of the document is exercised");
        answered.Select(a => a.Status).Should().Contain([200, 201, 204, 304, 400, 401, 403, 404, 409, 413, 415]);
    }

    private async Task TenantsAndKeysAsync(HttpClient admin, HttpClient broadcaster, HttpClient viewer, HttpClient anonymous)
    {
        const string tenants = "/v1/tenants";
        await SendAsync(admin, "POST", tenants, body: new { id = "oa-t", name = "Tenant" });
        await SendAsync(admin, "POST", tenants, body: new { id = "oa-t", name = "Tenant" });
        await SendAsync(admin, "POST", tenants, body: new { id = "oa-u" });
        await SendAsync(admin, "POST", tenants, raw: "id=oa-v", mediaType: "text/plain");
        await SendAsync(admin, "POST", tenants, raw: $$"""{"id":"big","name":"{{new string('x', 2 * 1024 * 1024)}}"}""");
        await SendAsync(broadcaster, "POST", tenants, body: new { id = "oa-w", name = "Tenant" });
        await SendAsync(anonymous, "POST", tenants, body: new { id = "oa-w", name = "Tenant" });
        foreach (var id in new[] { "oa-t", "nobody", "bad%20id" })
        {
            await SendAsync(admin, "GET", "/v1/tenants/{tenantId}", $"/v1/tenants/{id}");
            await SendAsync(admin, "POST", "/v1/tenants/{tenantId}/keys", $"/v1/tenants/{id}/keys", new { label = "more" });
        }

        await SendAsync(broadcaster, "GET", "/v1/keys");
        var issued = JsonDocument.Parse(await SendAsync(broadcaster, "POST", "/v1/keys", body: new { label = "second" })).RootElement;
        foreach (var id in new[] { issued.GetProperty("keyId").GetString(), "0123456789abcdef", "bad%20id" })
        {
            await SendAsync(broadcaster, "DELETE", "/v1/keys/{keyId}", $"/v1/keys/{id}");
        }

        await SendAsync(broadcaster, "POST", "/v1/viewers/{viewerId}/tokens", "/v1/viewers/v2/tokens", new { });
        await SendAsync(broadcaster, "POST", "/v1/viewers/{viewerId}/tokens", "/v1/viewers/v2/tokens", new { lifetimeSeconds = -1 });
        await SendAsync(viewer, "POST", "/v1/viewers/{viewerId}/tokens", "/v1/viewers/v2/tokens", new { });
    }

    private async Task EventsAsync(HttpClient broadcaster)
    {
        const string events = "/v1/events";
        await SendAsync(broadcaster, "POST", events, body: ApiFactory.UpcomingEvent("oa"));
        await SendAsync(broadcaster, "POST", events, body: ApiFactory.UpcomingEvent("oa"));
        await SendAsync(broadcaster, "POST", events, raw: """{"name":"n","startsAt":"2030-01-01T00:00:00Z","endsAt":"2030-01-01T02:00:00Z"}""");
        await SendAsync(broadcaster, "GET", events);
        await SendAsync(broadcaster, "GET", events, "/v1/events?limit=0");
        await SendAsync(broadcaster, "PUT", "/v1/events/{eventId}", "/v1/events/oa-put", ApiFactory.UpcomingEvent("oa-put"));
        await SendAsync(broadcaster, "PUT", "/v1/events/{eventId}", "/v1/events/oa-put", ApiFactory.UpcomingEvent("oa-put"));
        await SendAsync(broadcaster, "PUT", "/v1/events/{eventId}", "/v1/events/oa-put", ApiFactory.UpcomingEvent("other"));
        foreach (var id in new[] { "oa", "nope", "bad%20id" })
        {
            await SendAsync(broadcaster, "GET", "/v1/events/{eventId}", $"/v1/events/{id}");
            await SendAsync(broadcaster, "POST", "/v1/events/{eventId}/start", $"/v1/events/{id}/start");
            await SendAsync(broadcaster, "POST", "/v1/events/{eventId}/stop", $"/v1/events/{id}/stop");
        }

        await SendAsync(broadcaster, "DELETE", "/v1/events/{eventId}", "/v1/events/oa-put");
        await SendAsync(broadcaster, "DELETE", "/v1/events/{eventId}", "/v1/events/oa-put");
    }

    private async Task MonitoringAsync(HttpClient broadcaster)
    {
        var start = DateTimeOffset.UtcNow.AddDays(1);
        foreach (var id in new[] { "oa", "nope", "bad%20id" })
        {
            await SendAsync(broadcaster, "PUT", "/v1/events/{eventId}/schedule", $"/v1/events/{id}/schedule", new { programs = new[] { new { title = "News", start, end = start.AddHours(1) } } });
            await SendAsync(broadcaster, "GET", "/v1/events/{eventId}/schedule", $"/v1/events/{id}/schedule");
            await SendAsync(broadcaster, "POST", "/v1/events/{eventId}/schedule.csv", $"/v1/events/{id}/schedule.csv", raw: "Event_Title,Start_Time,End_Time\nNews,0,60", mediaType: "text/csv");
            await SendAsync(broadcaster, "PUT", "/v1/events/{eventId}/checks", $"/v1/events/{id}/checks", new { disabled = new[] { "loudness" } });
            await SendAsync(broadcaster, "GET", "/v1/events/{eventId}/checks", $"/v1/events/{id}/checks");
            await SendAsync(broadcaster, "GET", "/v1/events/{eventId}/incidents", $"/v1/events/{id}/incidents?state=open");
        }

        await SendAsync(broadcaster, "POST", "/v1/events/{eventId}/schedule.csv", "/v1/events/oa/schedule.csv", raw: "Event_Title,Start_Time,End_Time\nNews,0,60", mediaType: "application/xml");
        await SendAsync(broadcaster, "POST", "/v1/events/{eventId}/schedule.csv", "/v1/events/oa/schedule.csv", raw: new string('x', 300 * 1024), mediaType: "text/csv");
        await SendAsync(broadcaster, "PUT", "/v1/events/{eventId}/checks", "/v1/events/oa/checks", new { thresholds = new { logoMinShare = 2 } });
        await SendAsync(broadcaster, "GET", "/v1/events/{eventId}/incidents", "/v1/events/oa/incidents?state=ajar");
        foreach (var id in new[] { "oa", "nope", "bad%20id" })
        {
            await OpenFeedAsync(broadcaster, "/v1/events/{eventId}/live", $"/v1/events/{id}/live");
        }

        foreach (var events in new[] { "oa", "oa,nope", "", "bad%20id" })
        {
            await OpenFeedAsync(broadcaster, "/v1/live", $"/v1/live?events={events}");
        }
    }

    /// <summary>A live feed never ends by itself: its status is read from the headers, then the connection is closed.</summary>
    private async Task OpenFeedAsync(HttpClient client, string template, string path)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        answered.Add(($"GET {template}", (int)response.StatusCode));
    }

    private async Task WebhooksAsync(HttpClient broadcaster)
    {
        const string webhook = "/v1/webhooks/{webhookId}";
        foreach (var url in new[] { "https://93.184.216.34/hook", "https://10.0.0.1/hook" })
        {
            await SendAsync(broadcaster, "PUT", webhook, "/v1/webhooks/oa", new { url });
        }

        await SendAsync(broadcaster, "PUT", webhook, "/v1/webhooks/oa", raw: new string('x', 20 * 1024));
        await SendAsync(broadcaster, "GET", "/v1/webhooks");
        foreach (var id in new[] { "oa", "nope", "bad%20id" })
        {
            await SendAsync(broadcaster, "GET", webhook, $"/v1/webhooks/{id}");
            await SendAsync(broadcaster, "POST", webhook + "/secret", $"/v1/webhooks/{id}/secret");
            await SendAsync(broadcaster, "GET", webhook + "/deliveries", $"/v1/webhooks/{id}/deliveries");
        }

        await SendAsync(broadcaster, "GET", webhook + "/deliveries", "/v1/webhooks/oa/deliveries?limit=0");
        await SendAsync(broadcaster, "DELETE", webhook, "/v1/webhooks/oa");
        await SendAsync(broadcaster, "DELETE", webhook, "/v1/webhooks/oa");
    }

    private async Task TimelineAsync(HttpClient broadcaster, HttpClient viewer, HttpClient anonymous)
    {
        const string context = "/v1/events/{eventId}/context";
        using (var first = await viewer.GetAsync("/v1/events/oa/context?position=1"))
        {
            answered.Add(($"GET {context}", (int)first.StatusCode));
            using var again = new HttpRequestMessage(HttpMethod.Get, "/v1/events/oa/context?position=1");
            again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            answered.Add(($"GET {context}", (int)(await viewer.SendAsync(again)).StatusCode));
        }

        foreach (var query in new[] { "/v1/events/oa/context?position=abc", "/v1/events/nope/context?position=1", "/v1/events/oa/context" })
        {
            await SendAsync(viewer, "GET", context, query);
        }

        await SendAsync(anonymous, "GET", context, "/v1/events/oa/context?position=1");
        foreach (var path in new[] { "/v1/events/oa/timeline.vtt", "/v1/events/nope/timeline.vtt", "/v1/events/oa/timeline.vtt?from=x" })
        {
            await SendAsync(viewer, "GET", "/v1/events/{eventId}/timeline.vtt", path);
        }

        foreach (var path in new[] { "/v1/events/oa/timeline", "/v1/events/nope/timeline", "/v1/events/oa/timeline?limit=0" })
        {
            await SendAsync(broadcaster, "GET", "/v1/events/{eventId}/timeline", path);
        }

        await SendAsync(viewer, "GET", "/v1/events/{eventId}/timeline", "/v1/events/oa/timeline");
        foreach (var path in new[] { "/v1/events/oa/segments", "/v1/events/nope/segments", "/v1/events/oa/segments?limit=abc" })
        {
            await SendAsync(broadcaster, "GET", "/v1/events/{eventId}/segments", path);
        }

        foreach (var sequence in new[] { "1", "9", "abc" })
        {
            await SendAsync(broadcaster, "GET", "/v1/events/{eventId}/segments/{sequence}", $"/v1/events/oa/segments/{sequence}");
        }
    }

    private async Task GalleryAsync(HttpClient broadcaster)
    {
        await SendAsync(broadcaster, "PUT", "/v1/teams/{teamId}", "/v1/teams/oa-team", new { name = "Team" });
        await SendAsync(broadcaster, "PUT", "/v1/teams/{teamId}", "/v1/teams/oa-team", new { name = "Team", abbreviations = new[] { "T" } });
        await SendAsync(broadcaster, "PUT", "/v1/teams/{teamId}", "/v1/teams/oa-team", new { name = "Team", logoId = "missing" });
        await SendAsync(broadcaster, "PUT", "/v1/teams/{teamId}", "/v1/teams/oa-team", new { abbreviations = new[] { "T" } });
        foreach (var collection in new[] { "people", "logos", "teams", "classifiers" })
        {
            var item = $"/v1/{collection}/{{{Singular(collection)}Id}}";
            await SendAsync(broadcaster, "GET", $"/v1/{collection}");
            await SendAsync(broadcaster, "GET", $"/v1/{collection}", $"/v1/{collection}?limit=0");
            await SendAsync(broadcaster, "GET", item, $"/v1/{collection}/oa-team");
            await SendAsync(broadcaster, "GET", item, $"/v1/{collection}/none");
            await SendAsync(broadcaster, "PUT", item, $"/v1/{collection}/oa-new", new { name = "New" });
            await SendAsync(broadcaster, "PUT", item, $"/v1/{collection}/oa-new", raw: "name=New", mediaType: "text/plain");
            await SendAsync(broadcaster, "DELETE", item, $"/v1/{collection}/oa-team");
            await SendAsync(broadcaster, "DELETE", item, $"/v1/{collection}/none");
            if (collection != "teams")
            {
                await SendAsync(broadcaster, "GET", $"{item}/jobs/{{jobId}}", $"/v1/{collection}/oa-new/jobs/0123456789abcdef");
                await SendAsync(broadcaster, "GET", $"{item}/jobs/{{jobId}}", $"/v1/{collection}/oa-new/jobs/bad%20id");
            }
        }
    }

    private async Task ViewerProfilesAsync(HttpClient viewer)
    {
        const string profile = "/v1/viewers/{viewerId}/profile";
        await SendAsync(viewer, "PUT", profile, "/v1/viewers/v1/profile", new { ageRange = "25-34" });
        await SendAsync(viewer, "PUT", profile, "/v1/viewers/v1/profile", new { ageRange = "35-44" });
        await SendAsync(viewer, "PUT", profile, "/v1/viewers/v1/profile", new { ageRange = "young" });
        await SendAsync(viewer, "PUT", profile, "/v1/viewers/v9/profile", new { ageRange = "25-34" });
        await SendAsync(viewer, "GET", profile, "/v1/viewers/v1/profile");
        await SendAsync(viewer, "GET", profile, "/v1/viewers/v9/profile");
        await SendAsync(viewer, "DELETE", profile, "/v1/viewers/v1/profile");
        await SendAsync(viewer, "DELETE", profile, "/v1/viewers/v1/profile");
    }

    private async Task InstrumentsAsync(HttpClient broadcaster, HttpClient viewer, HttpClient anonymous)
    {
        const string item = "/v1/events/{eventId}/instruments/{instrumentId}";
        const string list = "/v1/events/{eventId}/instruments";
        var poll = new { kind = "poll", name = "Poll", poll = new { question = "Who?", options = new[] { "A", "B" } } };
        await SendAsync(broadcaster, "PUT", item, "/v1/events/oa/instruments/p1", poll);
        await SendAsync(broadcaster, "PUT", item, "/v1/events/oa/instruments/p1", poll);
        await SendAsync(broadcaster, "PUT", item, "/v1/events/oa/instruments/p2", new { kind = "poll", name = "Poll" });
        await SendAsync(broadcaster, "PUT", item, "/v1/events/nope/instruments/p1", poll);
        await SendAsync(broadcaster, "PUT", item, "/v1/events/oa/instruments/p3", raw: "kind=poll", mediaType: "text/plain");
        await SendAsync(broadcaster, "PUT", item, "/v1/events/oa/instruments/p3", raw: $$"""{"kind":"poll","name":"{{new string('x', 100_000)}}"}""");
        await SendAsync(viewer, "PUT", item, "/v1/events/oa/instruments/p1", poll);
        await SendAsync(broadcaster, "GET", list, "/v1/events/oa/instruments");
        await SendAsync(broadcaster, "GET", list, "/v1/events/oa/instruments?limit=0");
        await SendAsync(broadcaster, "GET", item, "/v1/events/oa/instruments/p1");
        await SendAsync(broadcaster, "GET", item, "/v1/events/oa/instruments/none");
        var decision = JsonDocument.Parse(await SendAsync(viewer, "GET", "/v1/events/{eventId}/instruments/next", "/v1/events/oa/instruments/next?position=1")).RootElement;
        await SendAsync(viewer, "GET", "/v1/events/{eventId}/instruments/next", "/v1/events/oa/instruments/next?position=1&before=-1");
        await SendAsync(viewer, "GET", "/v1/events/{eventId}/instruments/next", "/v1/events/nope/instruments/next?position=1");
        await SendAsync(anonymous, "GET", "/v1/events/{eventId}/instruments/next", "/v1/events/oa/instruments/next?position=1");
        await SendAsync(viewer, "GET", "/v1/events/{eventId}/instruments/next.vast", "/v1/events/oa/instruments/next.vast?position=1");
        await SendAsync(viewer, "GET", "/v1/events/{eventId}/instruments/next.vast", "/v1/events/nope/instruments/next.vast?position=1");
        await SendAsync(viewer, "GET", "/v1/events/{eventId}/instruments/next.vast", "/v1/events/oa/instruments/next.vast");
        const string engagements = "/v1/viewers/{viewerId}/engagements";
        var report = new { decisionId = decision.GetProperty("decisionId").GetString(), type = "vote", choice = 1, idempotencyKey = "k1" };
        await SendAsync(viewer, "POST", engagements, "/v1/viewers/v1/engagements", report);
        await SendAsync(viewer, "POST", engagements, "/v1/viewers/v1/engagements", report);
        await SendAsync(viewer, "POST", engagements, "/v1/viewers/v1/engagements", report with { choice = 0 });
        await SendAsync(viewer, "POST", engagements, "/v1/viewers/v1/engagements", report with { choice = 9 });
        await SendAsync(viewer, "POST", engagements, "/v1/viewers/v9/engagements", report);
        await SendAsync(viewer, "POST", engagements, "/v1/viewers/v1/engagements", raw: $$"""{"decisionId":"{{new string('x', 10_000)}}"}""");
        await SendAsync(viewer, "POST", engagements, "/v1/viewers/v1/engagements", raw: "type=vote", mediaType: "text/plain");
        await SendAsync(viewer, "GET", engagements, "/v1/viewers/v1/engagements");
        await SendAsync(viewer, "GET", engagements, "/v1/viewers/v9/engagements");
        await SendAsync(anonymous, "GET", "/v1/engagements/track/{token}", "/v1/engagements/track/forged.test.AAAA");
        await SendAsync(broadcaster, "GET", "/v1/events/{eventId}/engagements", "/v1/events/oa/engagements");
        await SendAsync(broadcaster, "GET", "/v1/events/{eventId}/engagements", "/v1/events/nope/engagements");
        await SendAsync(broadcaster, "GET", "/v1/events/{eventId}/engagements", "/v1/events/bad%20id/engagements");
        await SendAsync(broadcaster, "GET", "/v1/events/{eventId}/learning", "/v1/events/oa/learning");
        await SendAsync(broadcaster, "GET", "/v1/events/{eventId}/learning", "/v1/events/nope/learning");
        await SendAsync(broadcaster, "GET", "/v1/events/{eventId}/learning", "/v1/events/bad%20id/learning");
        await SendAsync(broadcaster, "DELETE", item, "/v1/events/oa/instruments/p1");
        await SendAsync(broadcaster, "DELETE", item, "/v1/events/oa/instruments/p1");
    }

    /// <summary>Sends one request for the operation <paramref name="template"/>, records its status and returns its body.</summary>
    private async Task<string> SendAsync(HttpClient client, string method, string template, string? path = null, object? body = null, string? raw = null, string mediaType = "application/json")
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path ?? template);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: ApiJson.Options);
        }
        else if (raw is not null)
        {
            // Expect: 100-continue, as clients sending large bodies do: a refused body is answered, not cut off mid-upload.
            request.Content = new StringContent(raw, Encoding.UTF8, mediaType);
            request.Content.Headers.ContentLength = Encoding.UTF8.GetByteCount(raw);
            request.Headers.ExpectContinue = true;
        }

        using var response = await client.SendAsync(request);
        answered.Add(($"{method} {template}", (int)response.StatusCode));
        return await response.Content.ReadAsStringAsync();
    }

    private static string Singular(string collection) => collection == "people" ? "person" : collection.TrimEnd('s');

    /// <summary>"METHOD /path/{template}" to the statuses the document declares for it.</summary>
    private static Dictionary<string, HashSet<int>> Declared(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(operation => operation.Value.ValueKind == JsonValueKind.Object && operation.Value.TryGetProperty("responses", out _))
                .Select(operation => (
                    Key: $"{operation.Name.ToUpperInvariant()} {path.Name}",
                    Statuses: operation.Value.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet())))
            .ToDictionary(o => o.Key, o => o.Statuses);
}
