using System.Net.Http.Json;
using Glance.Api.Demo;
using Glance.Grains.Interfaces.Access;
using Glance.Tests.Api;
using Glance.Tests.Infrastructure;
using Glance.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Glance.Tests.EndToEnd;

/// <summary>The run command started again and again on one data folder, as a newcomer does.</summary>
[Collection(LiveMediaCollection.Name)]
public sealed class DemoRestartTests
{
    [Fact]
    public async Task Each_run_on_the_same_store_leaves_one_working_demo_key_and_revokes_the_earlier_ones()
    {
        using var folder = new TemporaryDirectory();
        var keys = new List<string>();
        for (var run = 0; run < 3; run++)
        {
            await using var api = new ApiFactory()
                .WithSqliteStore(folder.Path)
                .WithSetting("Demo:Enabled", "true")
                .WithSetting("Demo:Channel:OutputFolder", Path.Combine(folder.Path, "channel"))
                .WithSetting("Demo:Channel:SegmentSeconds", "2");
            _ = api.Anonymous();
            var bootstrap = api.Services.GetServices<IHostedService>().OfType<DemoBootstrap>().Single();
            var demo = await bootstrap.Registered.Task.WaitAsync(TimeSpan.FromSeconds(90));
            keys.Add(demo.BroadcasterKey);

            using var broadcaster = api.As(demo.BroadcasterKey);
            var active = (await broadcaster.GetFromJsonAsync<List<ApiKeyInfo>>("/v1/keys"))!.Where(k => k.RevokedAt is null).ToList();
            active.Should().ContainSingle("the tenant's first key and earlier runs' keys are no longer active after run {0}", run + 1);
            (await api.As(demo.ViewerToken).GetAsync($"/v1/events/{demo.EventId}/context?position=0")).IsSuccessStatusCode.Should().BeTrue();
            foreach (var earlier in keys.SkipLast(1))
            {
                (await api.As(earlier).GetAsync("/v1/keys")).StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
            }
        }
    }
}
