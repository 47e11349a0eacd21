using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Glance.Tests.Infrastructure;
using Glance.Tests.Monitoring;

namespace Glance.Tests.Webhooks;

/// <summary>
/// Webhooks end to end: incidents opened and closed by segments on the event's results stream reach a real receiver on
/// loopback, signed with the secret shown once at creation; a failing receiver is retried and the log shows each
/// attempt; targets in private networks are refused like event sources.
/// </summary>
public sealed class WebhookDeliveryTests(WebhookApiFactory api) : IClassFixture<WebhookApiFactory>
{
    [Fact]
    public async Task An_incident_opening_and_closing_reaches_the_receiver_signed_and_the_secret_is_never_read_back()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (client, tenant) = await api.NewTenantAsync();
        var created = await client.PutAsJsonAsync("/v1/webhooks/ops", new { url = receiver.Url, events = new[] { "incident.opened", "incident.closed" } });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        secret.Should().StartWith("whsec_");
        // Another webhook of the tenant that wants only other checks gets nothing.
        (await client.PutAsJsonAsync("/v1/webhooks/audio-only", new { url = receiver.Url, checks = new[] { "audio" } })).StatusCode.Should().Be(HttpStatusCode.Created);

        await LogoMissingThenBackAsync(client, tenant.Tenant.Id);

        await Eventually.TrueAsync(() => receiver.Deliveries.Count >= 2, "the opening and the closing are delivered");
        var deliveries = receiver.Deliveries.ToList();
        deliveries.Should().HaveCount(2);
        deliveries.Select(d => d.Json.GetProperty("type").GetString()).Should().Equal("incident.opened", "incident.closed");
        foreach (var delivery in deliveries)
        {
            delivery.SignedWith(secret).Should().BeTrue("the receiver verifies the signature over id, timestamp and body");
            delivery.SignedWith("whsec_" + Convert.ToBase64String(new byte[32])).Should().BeFalse();
            delivery.ContentType.Should().StartWith("application/json");
            var payload = delivery.Json;
            payload.GetProperty("deliveryId").GetString().Should().Be(delivery.Id);
            payload.GetProperty("tenantId").GetString().Should().Be(tenant.Tenant.Id);
            payload.GetProperty("eventId").GetString().Should().Be("live");
            payload.GetProperty("incident").GetProperty("check").GetString().Should().Be("stationLogo");
            payload.GetProperty("incident").GetProperty("openedAtSequence").GetInt64().Should().Be(1);
        }

        deliveries[1].Json.GetProperty("incident").GetProperty("state").GetString().Should().Be("closed");
        var tampered = deliveries[0] with { Body = [.. deliveries[0].Body, (byte)' '] };
        tampered.SignedWith(secret).Should().BeFalse("a changed body fails verification");

        var read = await client.GetStringAsync("/v1/webhooks/ops");
        var list = await client.GetStringAsync("/v1/webhooks");
        read.Should().NotContain(secret).And.NotContain("\"secret\"");
        list.Should().NotContain(secret).And.NotContain("\"secret\"");
        JsonDocument.Parse(list).RootElement.GetArrayLength().Should().Be(2);
        var log = await client.GetFromJsonAsync<JsonElement>("/v1/webhooks/ops/deliveries");
        log.EnumerateArray().Select(d => d.GetProperty("status").GetString()).Should().Equal("delivered", "delivered");
        log[0].GetProperty("type").GetString().Should().Be("incident.closed", "newest first");
        (await client.GetFromJsonAsync<JsonElement>("/v1/webhooks/audio-only/deliveries")).GetArrayLength().Should().Be(0);

        var rotated = await client.PostAsync("/v1/webhooks/ops/secret", null);
        var newSecret = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString();
        newSecret.Should().StartWith("whsec_").And.NotBe(secret);
        (await client.GetStringAsync("/v1/webhooks/ops")).Should().NotContain(newSecret!);
        var (stranger, _) = await api.NewTenantAsync();
        (await stranger.GetAsync("/v1/webhooks/ops")).StatusCode.Should().Be(HttpStatusCode.NotFound, "another tenant's webhook does not exist");
    }

    [Fact]
    public async Task A_receiver_failing_twice_gets_a_third_attempt_and_the_log_shows_all_three()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        var (client, tenant) = await api.NewTenantAsync();
        (await client.PutAsJsonAsync("/v1/webhooks/flaky", new { url = receiver.Url, events = new[] { "incident.opened" } })).EnsureSuccessStatusCode();

        await LogoMissingThenBackAsync(client, tenant.Tenant.Id);

        var delivered = await Eventually.ValueAsync<string>(
            async () =>
            {
                var log = await client.GetFromJsonAsync<JsonElement>("/v1/webhooks/flaky/deliveries");
                return log.GetArrayLength() == 1 && log[0].GetProperty("status").GetString() == "delivered" ? log[0].GetRawText() : null;
            },
            "the delivery succeeds on a later attempt");
        var entry = JsonDocument.Parse(delivered).RootElement;
        entry.GetProperty("attempts").GetInt32().Should().Be(3);
        entry.GetProperty("statusCode").GetInt32().Should().Be(204);
        entry.GetProperty("lastError").ValueKind.Should().Be(JsonValueKind.Null);
        entry.GetProperty("latencyMs").GetDouble().Should().BeGreaterThanOrEqualTo(0);
        entry.GetProperty("type").GetString().Should().Be("incident.opened", "the webhook asked for openings only");
        receiver.Requests.Should().Be(3, "two failures and the success, nothing more");
        receiver.Deliveries.Should().ContainSingle().Which.Id.Should().Be(entry.GetProperty("deliveryId").GetString(), "retries carry the same webhook-id");
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://metadata.google.internal/hook")]
    [InlineData("https://10.0.0.1/hook")]
    [InlineData("https://[fd12:3456::1]/hook")]
    [InlineData("http://192.168.1.1/hook")]
    [InlineData("http://93.184.216.34/hook")]
    [InlineData("https://user:pass@93.184.216.34/hook")]
    [InlineData("ftp://93.184.216.34/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("hooks/relative")]
    public async Task A_target_that_is_not_public_https_is_refused_with_problem_details_and_nothing_is_stored(string url)
    {
        var (client, _) = await api.NewTenantAsync();

        var response = await client.PutAsJsonAsync("/v1/webhooks/bad", new { url });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, url);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
        (await client.GetAsync("/v1/webhooks/bad")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Definitions_are_bounded_and_a_tenant_holds_at_most_ten_webhooks()
    {
        var (client, _) = await api.NewTenantAsync();
        var url = "https://93.184.216.34/hook";

        var badEvents = await client.PutAsJsonAsync("/v1/webhooks/w", new { url, events = new[] { "incident.reopened" } });
        var tooManyEvents = await client.PutAsJsonAsync("/v1/webhooks/w", new { url, eventIds = Enumerable.Range(0, 51).Select(i => $"e{i}").ToArray() });
        for (var i = 0; i < 10; i++)
        {
            (await client.PutAsJsonAsync($"/v1/webhooks/w{i}", new { url })).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var eleventh = await client.PutAsJsonAsync("/v1/webhooks/w10", new { url });
        var replaced = await client.PutAsJsonAsync("/v1/webhooks/w0", new { url, enabled = false });

        (await badEvents.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("events")[0].GetString().Should().Contain("incident.opened");
        tooManyEvents.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        eleventh.StatusCode.Should().Be(HttpStatusCode.Conflict);
        replaced.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await replaced.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("secret").ValueKind.Should().Be(JsonValueKind.Null, "replacing keeps the secret and never shows it");
        body.GetProperty("webhook").GetProperty("enabled").GetBoolean().Should().BeFalse();
        (await client.DeleteAsync("/v1/webhooks/w0")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.GetAsync("/v1/webhooks/w0/deliveries")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/v1/webhooks/w1/deliveries?limit=0")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    /// <summary>Event "live" expects the GTV Sports logo; it is missing from segments 1-3 (an incident opens) and back in 4-5 (it closes).</summary>
    private async Task LogoMissingThenBackAsync(HttpClient client, string tenantId)
    {
        var start = await MonitoringEndpointTests.RegisterLogoOnlyShowAsync(client);
        for (var sequence = 1; sequence <= 5; sequence++)
        {
            var logo = sequence >= 4;
            await MonitoringEndpointTests.PublishAsync(api, tenantId, "live", MonitoringEndpointTests.Result(tenantId, start, sequence, sequence * 6, _ => logo ? [("logo", "gtv", "GTV Sports")] : []));
            await MonitoringEndpointTests.CheckedSegmentAsync(client, "live", sequence);
        }
    }
}
