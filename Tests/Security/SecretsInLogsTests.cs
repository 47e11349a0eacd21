using System.Net.Http.Json;
using Glance.Demo;
using Glance.Api.Endpoints;
using Glance.Grains.Interfaces.Access;
using Glance.Tests.Api;
using Glance.Tests.Infrastructure;
using Glance.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Glance.Tests.Security;

/// <summary>
/// An embedded run with the demo, every log entry captured at Trace, every kind of credential issued and used: none
/// of them (nor the secret half of a key, nor a token's signature) appears in any log entry or in /metrics.
/// </summary>
[Collection(LiveMediaCollection.Name)]
public sealed class SecretsInLogsTests
{
    [Fact]
    public async Task No_credential_issued_during_a_demo_run_appears_in_any_log_entry_or_metric()
    {
        using var folder = new TemporaryDirectory();
        var logs = new CapturingLoggerProvider();
        await using var api = new ApiFactory()
            .WithGeneratedSecrets()
            .WithSqliteStore(folder.Path)
            .WithSetting("Demo:Enabled", "true")
            .WithSetting("Demo:Channel:OutputFolder", Path.Combine(folder.Path, "channel"))
            .WithSetting("Demo:Channel:SegmentSeconds", "2")
            .WithSetting("Logging:LogLevel:Default", "Trace")
            .WithSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace")
            .WithServices(services => services.AddSingleton<ILoggerProvider>(logs));
        _ = api.Anonymous();
        var demo = await api.Services.GetServices<IHostedService>().OfType<DemoBootstrap>().Single().Registered.Task.WaitAsync(TimeSpan.FromSeconds(90));
        var credentials = new List<string> { demo.AdminKey, demo.BroadcasterKey, demo.ViewerToken };
        var claims = System.Text.Json.JsonDocument.Parse(Convert.FromBase64String(Base64(demo.ViewerToken.Split('.')[1]))).RootElement;
        (claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64()).Should().BeLessThanOrEqualTo(3600, "the demo's viewer token is short-lived");

        using var admin = api.As(demo.AdminKey);
        var tenant = (await (await admin.PostAsJsonAsync("/v1/tenants", new { id = "other", name = "Other" })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<CreatedTenant>())!;
        var second = (await (await admin.PostAsJsonAsync("/v1/tenants/other/keys", new { label = "second" })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<IssuedApiKey>())!;
        credentials.AddRange([tenant.Key.Key, second.Key]);
        using var other = api.As(second.Key);
        var viewerToken = await api.ViewerTokenAsync(other, "viewer-1");
        credentials.Add(viewerToken);

        // Every credential is used, successfully and (for the revoked key) not.
        (await api.As(tenant.Key.Key).GetAsync("/v1/keys")).EnsureSuccessStatusCode();
        (await api.As(demo.BroadcasterKey).GetAsync($"/v1/events/{demo.EventId}")).EnsureSuccessStatusCode();
        (await api.As(demo.ViewerToken).GetAsync($"/v1/events/{demo.EventId}/context?position=0")).EnsureSuccessStatusCode();
        (await api.As(viewerToken).GetAsync("/v1/viewers/viewer-1/profile")).StatusCode.Should().NotBe(System.Net.HttpStatusCode.Unauthorized);
        (await other.DeleteAsync($"/v1/keys/{tenant.Key.KeyId}")).EnsureSuccessStatusCode();
        (await api.As(tenant.Key.Key).GetAsync("/v1/keys")).StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
        var metrics = await api.Anonymous().GetStringAsync("/metrics");
        await Eventually.TrueAsync(
            async () => (await (await api.As(demo.BroadcasterKey).GetAsync($"/v1/events/{demo.EventId}")).Content.ReadAsStringAsync()).Contains("\"segmentsHanded\":", StringComparison.Ordinal),
            "the demo ingests, so its pipeline has logged too");

        logs.Entries.Should().Contain(e => e.Category.Contains("Glance", StringComparison.Ordinal), "the capture sees the service's own logs");
        logs.Entries.Should().Contain(e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal), "the capture sees the framework's logs at Trace");
        foreach (var secret in credentials.SelectMany(Secrets))
        {
            logs.Entries.Where(e => e.Text.Contains(secret, StringComparison.Ordinal)).Select(e => e.Text).Should().BeEmpty("no log entry holds a credential or its secret part");
            metrics.Should().NotContain(secret);
        }
    }

    private static string Base64(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }

    /// <summary>The credential, and the part of it that alone is secret (a key's secret half, a token's signature).</summary>
    private static IEnumerable<string> Secrets(string credential)
    {
        yield return credential;
        if (ApiKeyFormat.TryParse(credential, out _, out var secret))
        {
            yield return secret;
        }
        else if (credential.Split('.') is [_, _, var signature])
        {
            yield return signature;
        }
    }
}
