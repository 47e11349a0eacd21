using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Glance.Api.Endpoints;
using Glance.Grains.Interfaces.Events;

namespace Glance.Tests.Api;

/// <summary>The event endpoints over HTTP, and the doors of every endpoint group: who gets 401, 403 and 404.</summary>
public sealed class EventEndpointTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string PublicSource = ApiFactory.PublicSource;

    [Fact]
    public async Task A_broadcaster_creates_reads_lists_replaces_and_deletes_an_event()
    {
        var (client, _) = await api.NewTenantAsync();

        var created = await client.PostAsJsonAsync("/v1/events", Event("match", PublicSource));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.ToString().Should().Be("/v1/events/match");
        var read = await client.GetFromJsonAsync<LiveEventView>("/v1/events/match", ApiJson.Options);
        read!.Definition.Name.Should().Be("Match match");
        read.Definition.Source.Should().Be(new Uri(PublicSource));

        var page = await client.GetFromJsonAsync<JsonElement>("/v1/events");
        page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()).Should().Equal("match");

        var replaced = await client.PutAsJsonAsync("/v1/events/match", Event("match", PublicSource) with { Name = "Final" });
        replaced.IsSuccessStatusCode.Should().BeTrue();
        (await client.GetFromJsonAsync<LiveEventView>("/v1/events/match", ApiJson.Options))!.Definition.Name.Should().Be("Final");

        (await client.DeleteAsync("/v1/events/match")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.GetAsync("/v1/events/match")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("http://127.0.0.1/live.m3u8", "loopback")]
    [InlineData("http://10.0.0.1/live.m3u8", "private")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "metadata")]
    [InlineData("http://[::1]/live.m3u8", "loopback")]
    [InlineData("http://localhost/live.m3u8", "loopback")]
    [InlineData("ftp://93.184.216.34/live.m3u8", "http")]
    [InlineData("file:///etc/passwd", "file")]
    public async Task A_source_that_is_not_public_is_refused_with_a_clear_problem(string source, string mentioned)
    {
        var (client, _) = await api.NewTenantAsync();

        var response = await client.PostAsJsonAsync("/v1/events", Event("sneaky", source));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var detail = (await AccessTests.Problem(response)).GetProperty("detail").GetString();
        detail.Should().ContainEquivalentOf(mentioned);
        (await client.GetAsync("/v1/events/sneaky")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a refused event is not stored");
    }

    [Fact]
    public async Task An_event_that_ends_before_it_starts_is_a_validation_problem()
    {
        var (client, _) = await api.NewTenantAsync();

        var response = await client.PostAsJsonAsync("/v1/events", Event("backwards", PublicSource) with { EndsAt = DateTimeOffset.UtcNow });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await AccessTests.Problem(response)).GetProperty("errors").EnumerateObject().Should().NotBeEmpty();
    }

    public static TheoryData<string, string> BroadcasterEndpoints() => new()
    {
        { "GET", "/v1/events" },
        { "POST", "/v1/events" },
        { "GET", "/v1/events/{event}" },
        { "PUT", "/v1/events/{event}" },
        { "DELETE", "/v1/events/{event}" },
        { "POST", "/v1/events/{event}/start" },
        { "POST", "/v1/events/{event}/stop" },
        { "GET", "/v1/events/{event}/timeline" },
        { "GET", "/v1/events/{event}/segments" },
        { "GET", "/v1/events/{event}/segments/1" },
        { "GET", "/v1/people" },
        { "GET", "/v1/people/someone" },
        { "DELETE", "/v1/people/someone" },
        { "GET", "/v1/logos" },
        { "GET", "/v1/teams/some-team" },
        { "GET", "/v1/classifiers" },
        { "GET", "/v1/keys" },
    };

    public static TheoryData<string, string> ViewerEndpoints() => new()
    {
        { "GET", "/v1/events/{event}/context?position=10" },
        { "GET", "/v1/events/{event}/timeline.vtt" },
        { "GET", "/v1/viewers/v1/profile" },
        { "PUT", "/v1/viewers/v1/profile" },
    };

    [Theory]
    [MemberData(nameof(BroadcasterEndpoints))]
    [MemberData(nameof(ViewerEndpoints))]
    public async Task Without_credentials_every_endpoint_is_401(string method, string path)
    {
        var response = await api.Anonymous().SendAsync(Request(method, path, "any"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(BroadcasterEndpoints))]
    public async Task A_viewer_token_on_a_broadcaster_endpoint_is_403(string method, string path)
    {
        var (client, _) = await api.NewTenantAsync();
        var viewer = api.As(await api.ViewerTokenAsync(client, "v1"));

        var response = await viewer.SendAsync(Request(method, path, "any"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("GET", "/v1/events/{event}")]
    [InlineData("DELETE", "/v1/events/{event}")]
    [InlineData("POST", "/v1/events/{event}/start")]
    [InlineData("GET", "/v1/events/{event}/context?position=10")]
    public async Task Another_tenants_event_answers_404_and_stays_untouched(string method, string path)
    {
        var (owner, _) = await api.NewTenantAsync();
        var (stranger, _) = await api.NewTenantAsync();
        (await owner.PostAsJsonAsync("/v1/events", Event("theirs", PublicSource))).EnsureSuccessStatusCode();
        var strangerViewer = api.As(await api.ViewerTokenAsync(stranger, "v1"));

        var byKey = await stranger.SendAsync(Request(method, path, "theirs"));
        var byViewer = await strangerViewer.SendAsync(Request("GET", "/v1/events/{event}/context?position=10", "theirs"));

        byKey.StatusCode.Should().Be(HttpStatusCode.NotFound);
        byViewer.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var still = await owner.GetFromJsonAsync<LiveEventView>("/v1/events/theirs", ApiJson.Options);
        still!.Definition.Name.Should().Be("Match theirs");
        still.State.Should().NotBe(LiveEventState.Live);
    }

    private static EventRequest Event(string id, string source) => ApiFactory.UpcomingEvent(id, source);

    private static HttpRequestMessage Request(string method, string path, string eventId)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{event}", eventId, StringComparison.Ordinal));
        if (method is "POST" or "PUT")
        {
            request.Content = JsonContent.Create(Event(eventId, PublicSource), options: ApiJson.Options);
        }

        return request;
    }
}
