using System.Net;
using System.Text.Json;

namespace Glance.Tests.Api;

/// <summary>/readyz: what a Kubernetes readiness probe reads.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Ready_means_the_store_answers_the_silo_is_active_and_streams_poll()
    {
        await using var api = new ApiFactory();
        using var client = api.Anonymous();

        using var response = await client.GetAsync("/readyz");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var checks = body.RootElement.GetProperty("checks");
        foreach (var name in new[] { "storage", "silo", "ingest" })
        {
            checks.GetProperty(name).GetProperty("status").GetString().Should().Be("Healthy", "check {0}", name);
        }
    }
}
