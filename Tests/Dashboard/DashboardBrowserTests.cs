using System.Net.Http.Json;
using Glance.Demo;
using Glance.Benchmarks.Harness;
using Glance.Demo.Channel;
using Glance.Tests.Api;
using Glance.Tests.Infrastructure;
using Glance.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;

namespace Glance.Tests.Dashboard;

/// <summary>
/// The dashboard in Debian's chromium against the real Api on loopback, watching the demo channel: sign in, see the
/// event, watch its audio check turn red when the channel goes silent, inspect that segment. The screenshots it
/// takes are the README's.
/// </summary>
[Collection(LiveMediaCollection.Name)]
public sealed class DashboardBrowserTests
{
    private static readonly float Wait = 180_000;

    [Fact]
    public async Task The_grid_turns_the_audio_check_red_when_the_demo_goes_silent_and_the_inspector_shows_that_segment()
    {
        DebianChromium.Installed.Should().BeTrue("scripts/setup installs Debian's chromium");
        using var folder = new TemporaryDirectory();
        // 2 s segments and a 12 s cycle: 2 s of silence every cycle, longer than the 0.5 s this run allows.
        await using var api = new ApiFactory()
            .WithShortDemo(folder.Path)
            .WithSetting("Monitoring:MaxSilenceSeconds", "0.5")
            .WithSetting("Monitoring:IncidentOpenAfter", "1");
        var baseAddress = api.Anonymous().BaseAddress!;
        var demo = await api.Services.GetServices<IHostedService>().OfType<DemoBootstrap>().Single().Registered.Task.WaitAsync(TimeSpan.FromSeconds(90));
        using var broadcaster = api.As(demo.BroadcasterKey);
        var start = demo.StartsAt;
        (await broadcaster.PutAsJsonAsync($"/v1/events/{demo.EventId}/schedule", new
        {
            programs = new object[]
            {
                new { id = "news", title = "Morning news", start = start.AddHours(-1), end = start, type = "news", stationLogo = DemoGallery.LogoName },
                new { id = "match", title = "Porto v Santos", start, end = start.AddDays(1), type = "sport", stationLogo = DemoGallery.LogoName, teams = new[] { "Porto", "Santos" } },
            },
        })).EnsureSuccessStatusCode();

        await using var chromium = await DebianChromium.LaunchAsync();
        var page = await chromium.PageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text); // a Content-Security-Policy violation is reported here too
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"{response.Status} {response.Url}");
            }
        };

        await page.GotoAsync(baseAddress.ToString());
        (await page.TitleAsync()).Should().Be("Glance monitoring");
        await page.FillAsync("#key", demo.BroadcasterKey);
        await page.ClickAsync("#sign-in-form button[type=submit]");
        var card = page.Locator($"li.card[data-event='{demo.EventId}']");
        await card.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await page.Locator("#connection[data-state='live']").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        var silent = card.Locator("[data-check='audio'][data-status='fail']");
        await silent.WaitForAsync(new LocatorWaitForOptions { Timeout = Wait });
        (await card.Locator("[data-check='audio']").GetAttributeAsync("aria-label")).Should().Contain("Silence");
        await card.Locator("[data-check='stationLogo'][data-status='pass']").WaitForAsync(new LocatorWaitForOptions { Timeout = Wait });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("dashboard-grid.png") });

        // A red chip opens the inspector at the segment it describes.
        await silent.ClickAsync();
        await page.Locator("#inspector").WaitForAsync();
        var sequence = await page.Locator("#segment-number").InputValueAsync();
        sequence.Should().NotBeEmpty();
        await page.Locator($"#segment-title:text-is('Segment {sequence}')").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        var audioRow = page.Locator("#checks tbody tr[data-check='audio']");
        await audioRow.Locator(".chip[data-status='fail']").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        (await audioRow.InnerTextAsync()).Should().Contain("silence");
        await page.Locator("#frames li.frame").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        (await page.Locator("#frames .box").CountAsync()).Should().BePositive("the logo and faces are localized in the sampled frames");
        (await page.Locator("#schedule li[data-program='match']").GetAttributeAsync("aria-current")).Should().Be("true", "the match is on air");
        await page.Locator("#incidents li[data-check='audio']").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await page.Locator("#player-note:text-matches('Playing')").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("dashboard-inspector.png"), FullPage = true });

        problems.Should().BeEmpty("the page runs under its Content-Security-Policy without errors");
    }

    /// <summary>
    /// The README's screenshots are redrawn only when asked (GLANCE_DOCS_SCREENSHOTS=1); an ordinary run writes to the
    /// temporary folder, so running the tests leaves the checkout as it was.
    /// </summary>
    private static string ScreenshotPath(string name) =>
        Environment.GetEnvironmentVariable("GLANCE_DOCS_SCREENSHOTS") == "1"
            ? Path.Combine(RepositoryPaths.Root, "docs", name)
            : Path.Combine(Path.GetTempPath(), "glance-" + name);

    [Fact]
    public async Task The_dashboard_is_served_with_a_policy_that_allows_only_this_origin_and_the_player_from_npm()
    {
        await using var api = new ApiFactory();
        using var client = api.Anonymous();
        using var index = await client.GetAsync("/");
        index.EnsureSuccessStatusCode();
        index.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var policy = index.Headers.GetValues("Content-Security-Policy").Single();
        policy.Should().Contain("default-src 'self'").And.NotContain("unsafe-inline").And.NotContain("http");
        using var player = await client.GetAsync("/vendor/hls/hls.mjs");
        player.EnsureSuccessStatusCode();
        player.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
        using var module = await client.GetAsync("/js/app.js");
        module.EnsureSuccessStatusCode();
    }
}
