using System.Net.Http.Json;
using Glance.Grains.Engagement;
using Glance.Tests.Api;

namespace Glance.Tests.Engagement;

/// <summary>An instrument a viewer dismissed is not offered to them again in that event for Engagement:DismissalSuppression.</summary>
public sealed class DismissalSuppressionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_dismissed_instrument_is_not_offered_again_to_that_viewer()
    {
        var scene = await Instruments.StartAsync(api, "dismissals");
        await scene.PutAsync("favourite", Instruments.Poll(name: "Favourite", priority: 100));
        await scene.PutAsync("other", Instruments.Poll(name: "Other"));
        var viewer = await scene.ViewerAsync("v1");
        var neighbour = await scene.ViewerAsync("v2");

        var first = (await scene.NextAsync(viewer))!.Value;
        Instruments.ChosenId(first).Should().Be("favourite");
        var dismissal = await viewer.PostAsJsonAsync("/v1/viewers/v1/engagements", new { decisionId = first.GetProperty("decisionId").GetString(), type = "dismiss", idempotencyKey = "d1" });
        dismissal.EnsureSuccessStatusCode();

        Instruments.ChosenId(await scene.NextAsync(viewer)).Should().Be("other", "the viewer dismissed the favourite");
        Instruments.ChosenId(await scene.NextAsync(viewer, position: 300)).Should().Be("other", "the suppression is per event, not per position");
        Instruments.ChosenId(await scene.NextAsync(neighbour)).Should().Be("favourite", "only the viewer who dismissed it is spared it");
    }

    [Fact]
    public void The_suppression_lasts_its_window_and_zero_turns_it_off()
    {
        var now = DateTimeOffset.UtcNow;
        var dismissed = new ServedCount(1, now.AddMinutes(-40), now.AddMinutes(-20));
        var window = TimeSpan.FromMinutes(30);

        InstrumentEligibility.Suppressed(dismissed, now, window).Should().BeTrue();
        InstrumentEligibility.Suppressed(dismissed, now.AddMinutes(11), window).Should().BeFalse("the window has passed");
        InstrumentEligibility.Suppressed(dismissed, now, TimeSpan.Zero).Should().BeFalse();
        InstrumentEligibility.Suppressed(dismissed with { DismissedAt = null }, now, window).Should().BeFalse("never dismissed");
        InstrumentEligibility.Suppressed(null, now, window).Should().BeFalse("never served");
    }
}
