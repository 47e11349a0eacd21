using System.Net.Http.Json;
using System.Text.Json;
using Glance.Tests.Api;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Monitoring;

/// <summary>The schedule and switches live in grain state: a restart over the same SQLite file keeps them.</summary>
public sealed class ScheduleRestartTests
{
    [Fact]
    public async Task Schedule_and_switches_survive_a_restart_over_the_same_store()
    {
        using var folder = new TemporaryDirectory();
        string key;
        string before;
        await using (var first = new ApiFactory().WithSqliteStore(folder.Path))
        {
            var (client, tenant) = await first.NewTenantAsync("restart");
            key = tenant.Key.Key;
            (await client.PostAsJsonAsync("/v1/events", ApiFactory.UpcomingEvent("kept"))).EnsureSuccessStatusCode();
            using var csv = new StringContent(ScheduleCsvTests.AwsColumns, System.Text.Encoding.UTF8, "text/csv");
            (await client.PostAsync("/v1/events/kept/schedule.csv", csv)).EnsureSuccessStatusCode();
            (await client.PutAsJsonAsync("/v1/events/kept/checks", new { disabled = new[] { "captions" }, thresholds = new { maxSilenceSeconds = 4 } })).EnsureSuccessStatusCode();
            before = await client.GetStringAsync("/v1/events/kept/schedule");
        }

        await using var second = new ApiFactory().WithSqliteStore(folder.Path);
        var again = second.As(key);
        var after = await again.GetStringAsync("/v1/events/kept/schedule");
        var checks = await again.GetFromJsonAsync<JsonElement>("/v1/events/kept/checks");

        after.Should().Be(before);
        JsonDocument.Parse(after).RootElement.GetProperty("programs").GetArrayLength().Should().Be(2);
        checks.GetProperty("disabled")[0].GetString().Should().Be("captions");
        checks.GetProperty("thresholds").GetProperty("maxSilenceSeconds").GetDouble().Should().Be(4);
    }
}
