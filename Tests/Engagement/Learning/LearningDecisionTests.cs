using System.Text.Json;
using Glance.Tests.Api;

namespace Glance.Tests.Engagement.Learning;

public sealed class LearningDecisionTests(ExploringApiFactory api) : IClassFixture<ExploringApiFactory>
{
    [Fact]
    public async Task Caps_still_win_when_the_learner_explores_and_each_logged_propensity_is_the_uniform_one()
    {
        var scene = await Instruments.StartAsync(api);
        await scene.PutAsync("capped", Instruments.Trivia(name: "Capped", maxPerViewer: 1));
        await scene.PutAsync("open", Instruments.Poll());
        await scene.PutAsync("also-open", Instruments.Poll(name: "Another"));
        var viewer = await scene.ViewerAsync("explorer", new { country = "PT", segments = new[] { "porto-fans" } });

        var decisions = new List<JsonElement>();
        for (var i = 0; i < 20; i++)
        {
            decisions.Add((await scene.NextAsync(viewer))!.Value);
        }

        decisions.Count(d => Instruments.ChosenId(d) == "capped").Should().BeLessThanOrEqualTo(1, "the cap is applied before the learner ranks");
        decisions.Should().OnlyContain(d => d.GetProperty("ranker").GetString() == "linucb" && d.GetProperty("personalized").GetBoolean());
        decisions.Should().OnlyContain(
            d => Math.Abs((d.GetProperty("propensity").GetDouble() * d.GetProperty("candidates").GetInt32()) - 1) < 1e-9,
            "exploring every time picks each eligible instrument with 1/K");
    }

    [Fact]
    public async Task A_viewer_who_opted_out_gets_the_rules_choice_however_much_the_learner_explores()
    {
        var scene = await Instruments.StartAsync(api);
        await scene.PutAsync("first", Instruments.Poll(priority: 5));
        await scene.PutAsync("second", Instruments.Poll(name: "Second"));
        await scene.PutAsync("third", Instruments.Trivia());
        var viewer = await scene.ViewerAsync("private", new { country = "PT", personalization = false });

        for (var i = 0; i < 10; i++)
        {
            var decision = (await scene.NextAsync(viewer))!.Value;
            Instruments.ChosenId(decision).Should().Be("first");
            decision.GetProperty("ranker").GetString().Should().Be("targeting-rules");
            decision.GetProperty("propensity").GetDouble().Should().Be(1);
            decision.GetProperty("personalized").GetBoolean().Should().BeFalse();
        }
    }
}
