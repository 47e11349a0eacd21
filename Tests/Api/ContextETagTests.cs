using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Glance.Tests.Timeline;

namespace Glance.Tests.Api;

/// <summary>
/// The viewer context's ETag: the timeline's version and the window's bounds in milliseconds (hexadecimal, negative
/// bounds as two's complement), and 304 for a client that already holds that window.
/// </summary>
public sealed class ContextETagTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData(20, "W/\"1-2710-61a8\"")]
    [InlineData(2, "W/\"1-ffffffffffffe0c0-1b58\"")]
    public async Task The_etag_names_the_version_and_the_window_and_a_match_is_304(double position, string expected)
    {
        var (client, tenant) = await api.NewTenantAsync();
        (await client.PostAsJsonAsync("/v1/events", ApiFactory.UpcomingEvent("etag"))).EnsureSuccessStatusCode();
        await api.RecordAsync(tenant.Tenant.Id, "etag", EventTimelineGrainTests.Result(0, 1, 0, 30, ("logo", "gtv", "GTV")));
        var viewer = api.As(await api.ViewerTokenAsync(client, "v1"));
        var path = $"/v1/events/etag/context?position={position}&before=10&after=5";

        var first = await viewer.GetAsync(path);
        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(expected));
        var cached = await viewer.SendAsync(again);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        first.Headers.ETag!.ToString().Should().Be(expected);
        first.Headers.CacheControl!.Private.Should().BeTrue();
        first.Headers.CacheControl.MaxAge.Should().Be(TimeSpan.FromSeconds(2));
        cached.StatusCode.Should().Be(HttpStatusCode.NotModified);
    }
}
