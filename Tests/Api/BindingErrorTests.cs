using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Glance.Tests.Api;

/// <summary>
/// Requests the framework cannot bind (query and route values that do not parse, JSON bodies that do not fit) answer
/// 400 problem details with an errors map keyed by the caller's names, in plain words, never naming .NET types.
/// </summary>
public sealed class BindingErrorTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string EventId = "bound";

    [Theory]
    [InlineData("viewer", "/v1/events/{event}/context?position=abc", "position", "position must be a number (seconds since the event start).")]
    [InlineData("viewer", "/v1/events/{event}/context?at=yesterday", "at", "at must be a date and time in ISO 8601, such as 2026-05-01T18:30:00Z (a wall-clock instant, instead of position).")]
    [InlineData("viewer", "/v1/events/{event}/timeline.vtt?from=1e", "from", "from must be a number (seconds since the event start; negative before it).")]
    [InlineData("broadcaster", "/v1/events/{event}/timeline?limit=ten", "limit", "limit must be a whole number (frames per page, 1 to 1000).")]
    [InlineData("broadcaster", "/v1/events/{event}/segments?after=last", "after", "after must be a whole number (the previous page's next: the media sequence number to continue after).")]
    [InlineData("broadcaster", "/v1/events/{event}/segments/first", "sequence", "sequence must be a whole number (the segment's media sequence number).")]
    [InlineData("broadcaster", "/v1/events?limit=1.5", "limit", "limit must be a whole number.")]
    [InlineData("broadcaster", "/v1/people?limit=x", "limit", "limit must be a whole number.")]
    public async Task A_query_or_route_value_that_does_not_parse_is_named_with_what_it_must_be(string caller, string path, string field, string message)
    {
        var client = await CallerAsync(caller);

        var response = await client.GetAsync(path.Replace("{event}", EventId, StringComparison.Ordinal));

        var errors = await ErrorsAsync(response);
        errors.Should().ContainKey(field).WhoseValue.Should().Equal(message);
    }

    [Fact]
    public async Task Every_value_that_does_not_parse_is_named_not_only_the_first()
    {
        var viewer = await CallerAsync("viewer");

        var response = await viewer.GetAsync($"/v1/events/{EventId}/context?position=abc&before=soon&after=5");

        (await ErrorsAsync(response)).Keys.Should().BeEquivalentTo("position", "before");
    }

    [Fact]
    public async Task A_context_window_reaching_further_than_the_timeline_answers_for_names_each_side()
    {
        var viewer = await CallerAsync("viewer");

        var response = await viewer.GetAsync($"/v1/events/{EventId}/context?position=700&before=601&after=-1");

        (await ErrorsAsync(response)).Should().BeEquivalentTo(new Dictionary<string, string[]>
        {
            ["before"] = ["'before' is between 0 and 600 seconds."],
            ["after"] = ["'after' is between 0 and 600 seconds."],
        });
    }

    public static TheoryData<string, string, string, string> Bodies() => new()
    {
        { "POST", "/v1/events", """{"name":"n","startsAt":"2030-01-01T00:00:00Z","endsAt":"2030-01-01T02:00:00Z"}""", "source=source is required." },
        { "POST", "/v1/events", """{"startsAt":"2030-01-01T00:00:00Z","endsAt":"2030-01-01T02:00:00Z"}""", "name=name is required.|source=source is required." },
        { "POST", "/v1/events", """{"name":"n","startsAt":"2030-01-01T00:00:00Z","endsAt":"2030-01-01T02:00:00Z","source":null}""", "source=source must be a string." },
        { "POST", "/v1/events", """{"name":"n","startsAt":"tomorrow","endsAt":"2030-01-01T02:00:00Z","source":"http://a/b"}""", "startsAt=startsAt must be a date and time in ISO 8601, such as 2026-05-01T18:30:00Z." },
        { "POST", "/v1/events", """{"name":"n","startsAt":"2030-01-01T00:00:00Z","endsAt":"2030-01-01T02:00:00Z","source":"http://a/b","detectors":[1]}""", "detectors[0]=detectors[0] must be a string." },
        { "POST", "/v1/events", """{"name":"n","startsAt":"2030-01-01T00:00:00Z","endsAt":"2030-01-01T02:00:00Z","source":"http://a/b","sampling":{"framesPerSecond":"fast"}}""", "sampling.framesPerSecond=sampling.framesPerSecond must be a number." },
        { "POST", "/v1/events", """{"name":"n",""", "body=The body is not valid JSON (line 1, byte 12)." },
        { "POST", "/v1/events", "", "body=A JSON body is required (Content-Type: application/json)." },
        { "POST", "/v1/events", "[]", "body=body must be an object." },
        { "PUT", "/v1/teams/t1", """{"abbreviations":["A"]}""", "name=name is required." },
        { "PUT", "/v1/classifiers/c1", """{"name":"sport","examples":[{"label":"tennis"}]}""", "examples[0].image=image is required." },
        { "POST", "/v1/viewers/v1/tokens", """{"lifetimeSeconds":"long"}""", "lifetimeSeconds=lifetimeSeconds must be a whole number." },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_json_body_that_does_not_fit_names_each_field_and_what_it_must_be(string method, string path, string body, string expected)
    {
        var client = await CallerAsync("broadcaster");
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        var errors = await ErrorsAsync(await client.SendAsync(request));

        var wanted = expected.Split('|').Select(e => e.Split('=', 2)).ToDictionary(e => e[0], e => e[1]);
        errors.Should().BeEquivalentTo(wanted.ToDictionary(e => e.Key, e => new[] { e.Value }));
    }

    [Fact]
    public async Task Creating_a_tenant_without_a_name_names_the_field()
    {
        var errors = await ErrorsAsync(await api.Admin().PostAsJsonAsync("/v1/tenants", new { id = "nameless" }));

        errors.Should().ContainKey("name").WhoseValue.Should().Equal("name is required.");
    }

    /// <summary>The errors map of a 400 problem, after checking that nothing in the answer names a .NET type.</summary>
    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await AccessTests.Problem(response);
        var text = problem.GetRawText();
        foreach (var dotnet in new[] { "Nullable", "System.", "Glance.", "Int32", "Double", "DateTimeOffset", "Failed to bind", "parameter \\u0022" })
        {
            text.Should().NotContain(dotnet, "a caller is told about its request, not about our types");
        }

        problem.GetProperty("title").GetString().Should().Be("Invalid request");
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    private async Task<HttpClient> CallerAsync(string caller)
    {
        var (broadcaster, _) = await api.NewTenantAsync();
        (await broadcaster.PostAsJsonAsync("/v1/events", ApiFactory.UpcomingEvent(EventId))).EnsureSuccessStatusCode();
        return caller == "viewer" ? api.As(await api.ViewerTokenAsync(broadcaster, "v1")) : broadcaster;
    }
}
