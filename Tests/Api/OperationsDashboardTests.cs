using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Glance.Hosting;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Api;

/// <summary>The Orleans Dashboard at /ops/dashboard: the administrator's, asked for the way a browser asks.</summary>
public sealed class OperationsDashboardTests
{
    [Fact]
    public async Task The_dashboard_asks_a_browser_for_the_administrator_key_and_shows_the_live_silo_and_our_grains()
    {
        await using var api = new ApiFactory();
        var (broadcaster, _) = await api.NewTenantAsync();
        using var anonymous = api.Anonymous();
        using var administrator = Basic(api, ApiFactory.AdminKey);
        using var broadcasterByBasic = Basic(api, broadcaster.DefaultRequestHeaders.Authorization!.Parameter!);

        using var challenged = await anonymous.GetAsync("/ops/dashboard/");
        using var page = await administrator.GetAsync("/ops/dashboard/");
        using var script = await administrator.GetAsync("/ops/dashboard/index.min.js");
        using var scriptAnonymously = await anonymous.GetAsync("/ops/dashboard/index.min.js");
        using var forbidden = await broadcasterByBasic.GetAsync("/ops/dashboard/");
        // The dashboard samples its counters once a second: the first sample may not be there yet.
        using var counters = await Eventually.ValueAsync(
            async () => JsonDocument.Parse(await administrator.GetStringAsync("/ops/dashboard/DashboardCounters")) is var d
                && d.RootElement.GetProperty("hosts").GetArrayLength() > 0
                && d.RootElement.GetProperty("simpleGrainStats").GetArrayLength() > 0 ? d : null,
            "the dashboard has sampled the silo",
            TimeSpan.FromSeconds(30));

        challenged.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        challenged.Headers.WwwAuthenticate.Select(h => h.Scheme).Should().Contain(["Bearer", "Basic"], "Basic makes a browser prompt for the key");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain("<title>Orleans Dashboard</title>");
        script.StatusCode.Should().Be(HttpStatusCode.OK);
        scriptAnonymously.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the dashboard's files are behind the key too");
        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a broadcaster's key does not open the operators' view");
        var hosts = counters.RootElement.GetProperty("hosts").EnumerateArray().ToList();
        hosts.Should().ContainSingle().Which.GetProperty("status").GetString().Should().Be("Active");
        counters.RootElement.GetProperty("simpleGrainStats").EnumerateArray()
            .Select(g => g.GetProperty("grainType").GetString())
            .Should().Contain(t => t!.Contains("Tenant", StringComparison.Ordinal), "creating a tenant activated our grains");
    }

    [Fact]
    public async Task Turned_off_the_dashboard_is_not_served()
    {
        await using var api = new ApiFactory().WithSetting("Orleans:Dashboard", "false");
        using var administrator = Basic(api, ApiFactory.AdminKey);

        using var response = await administrator.GetAsync("/ops/dashboard/");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(null, HostingMode.Embedded, true)]
    [InlineData(null, HostingMode.Cluster, false)]
    [InlineData(true, HostingMode.Cluster, true)]
    [InlineData(false, HostingMode.Embedded, false)]
    public void The_dashboard_is_on_by_default_only_for_the_embedded_run(bool? configured, HostingMode mode, bool expected) =>
        new SiloOptions { Dashboard = configured }.DashboardEnabled(mode).Should().Be(expected, "its call profiler costs every grain call");

    private static HttpClient Basic(ApiFactory api, string key)
    {
        var client = api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:" + key)));
        return client;
    }
}
