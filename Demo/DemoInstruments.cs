using Glance.Demo.Channel;

namespace Glance.Demo;

/// <summary>
/// The demo tenant's engagement instruments, each targeted at something the synthetic channel shows, and the demo
/// viewer's profile, so that `scripts/run` answers an instruments query within a minute. The channel draws no sports
/// ball (it has no footage), so the ad targets the station's logo instead.
/// </summary>
internal static class DemoInstruments
{
    public const string ViewerId = "demo-viewer";

    /// <summary>The demo viewer: a Porto fan in Portugal who allows personalization.</summary>
    public static object ViewerProfile { get; } = new { country = "PT", languages = new[] { "pt", "en" }, segments = new[] { "porto-fans" }, personalization = true };

    public static IReadOnlyList<(string Id, object Definition)> For(DemoGallery gallery) =>
    [
        ("presenter-trivia", new
        {
            kind = "trivia",
            name = "Know the presenter",
            question = new { question = $"How long has {gallery.Presenter.Name} presented the evening show?", choices = new[] { "1 year", "5 years", "10 years" }, answer = 1 },
            targeting = new { entities = new[] { $"face:{gallery.Presenter.Id}", $"person:{gallery.Presenter.Id}" } },
            maxPerViewer = 3,
            minSpacingSeconds = 30,
            priority = 20,
        }),
        ("match-poll", new
        {
            kind = "poll",
            name = "Who wins tonight?",
            poll = new { question = "Who wins tonight?", options = gallery.Teams.Select(t => t.Name).Append("Draw").ToArray() },
            targeting = new { entities = gallery.Teams.Select(t => $"team:{t.Id}").ToArray() },
            maxPerViewer = 1,
            priority = 10,
        }),
        ("station-ad", new
        {
            kind = "ad",
            name = $"{gallery.Logo.Name} season pass",
            ad = new { creativeUrl = "https://ads.example.com/gtv/season-pass.mp4", clickThroughUrl = "https://shop.example.com/gtv/season-pass", durationSeconds = 15, advertiser = gallery.Logo.Name },
            targeting = new { entities = new[] { $"logo:{gallery.Logo.Id}", "label:sports ball" } },
            maxPerViewer = 5,
            minSpacingSeconds = 60,
            priority = 5,
            bid = 1.5m,
        }),
        ("porto-scarf", new
        {
            kind = "upsell",
            name = "Porto fan scarf",
            offer = new { product = "FC Porto scarf", price = 19.90m, currency = "EUR", url = "https://shop.example.com/porto/scarf" },
            targeting = new { entities = new[] { $"team:{DemoGallery.HomeTeamId}" }, segments = new[] { "porto-fans" } },
            maxPerViewer = 2,
            minSpacingSeconds = 120,
            priority = 30,
        }),
    ];
}
