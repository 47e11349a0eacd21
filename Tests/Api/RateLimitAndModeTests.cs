using System.Net;
using System.Net.Http.Json;

namespace Glance.Tests.Api;

public sealed class RateLimitAndModeTests
{
    [Fact]
    public async Task A_caller_over_its_limit_gets_429_with_retry_after_and_others_are_unaffected()
    {
        // A bucket that refills once a day: what the test sees does not depend on how fast this machine is.
        await using var api = new ApiFactory()
            .WithSetting("Access:RateLimits:BroadcasterPerSecond", "1")
            .WithSetting("Access:RateLimits:BroadcasterBurst", "3")
            .WithSetting("Access:RateLimits:Period", "1.00:00:00");
        var (noisy, _) = await api.NewTenantAsync();
        var (quiet, _) = await api.NewTenantAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await noisy.GetAsync("/v1/keys")).StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests);
        var limited = await noisy.GetAsync("/v1/keys");
        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.Should().NotBeNull();
        var problem = await AccessTests.Problem(limited);
        problem.GetProperty("title").GetString().Should().Be("Too many requests");
        problem.GetProperty("type").GetString().Should().Be("https://tools.ietf.org/html/rfc6585#section-4", "RFC 6585 defines 429");
        (await quiet.GetAsync("/v1/keys")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public void Rate_limits_that_could_never_admit_a_request_refuse_to_start()
    {
        using var api = new ApiFactory().WithSetting("Access:RateLimits:ViewerBurst", "0");

        var start = () => api.CreateClient();

        start.Should().Throw<Exception>().Where(e => e.ToString().Contains("Access:RateLimits"));
    }

    [Fact]
    public void A_cluster_without_configured_secrets_refuses_to_start()
    {
        using var api = new ApiFactory()
            .WithSetting("Hosting:Mode", "Cluster")
            .WithSetting("Storage:Provider", "DynamoDb")
            .WithSetting("Access:AdminKey", null)
            .WithSetting("Access:ViewerTokenKeys:0:Id", null)
            .WithSetting("Access:ViewerTokenKeys:0:Secret", null);

        var start = () => api.CreateClient();

        start.Should().Throw<Exception>().Where(e => e.ToString().Contains("Access:AdminKey must be configured in cluster mode"));
    }

    [Fact]
    public void An_administrator_key_shaped_like_a_viewer_token_is_refused_at_start()
    {
        // Credentials starting as viewer tokens are checked as viewer tokens only, so such a key could never sign in.
        using var api = new ApiFactory().WithSetting("Access:AdminKey", "eyJ" + new string('k', 40));

        var start = () => api.CreateClient();

        start.Should().Throw<Exception>().Where(e => e.ToString().Contains("Access:AdminKey must not start with 'eyJ'"));
    }

    [Fact]
    public async Task An_embedded_run_without_secrets_generates_them()
    {
        await using var api = new ApiFactory()
            .WithSetting("Access:AdminKey", null)
            .WithSetting("Access:ViewerTokenKeys:0:Id", null)
            .WithSetting("Access:ViewerTokenKeys:0:Secret", null);

        (await api.Anonymous().GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.Admin().PostAsJsonAsync("/v1/tenants", new { id = "x1", name = "x" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the generated key is not the test's key");
    }
}
