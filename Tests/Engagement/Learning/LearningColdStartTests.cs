using Glance.Tests.Api;

namespace Glance.Tests.Engagement.Learning;

public sealed class LearningColdStartTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Without_feedback_the_learner_chooses_what_the_targeting_rules_choose()
    {
        var scene = await Instruments.StartAsync(api);
        await scene.PutAsync("ball-ad", Instruments.Ad(targeting: new { entities = new[] { "label:sports ball" } }, bid: 2));
        await scene.PutAsync("messi-quiz", Instruments.Trivia(targeting: new { entities = new[] { "person:messi" } }));
        await scene.PutAsync("anything", Instruments.Poll(name: "Untargeted"));
        var personal = await scene.ViewerAsync("fan", new { country = "PT", segments = new[] { "porto-fans" } });
        var anonymous = await scene.ViewerAsync("anonymous");

        var learned = (await scene.NextAsync(personal))!.Value;
        var rules = (await scene.NextAsync(anonymous))!.Value;

        learned.GetProperty("ranker").GetString().Should().Be("linucb");
        rules.GetProperty("ranker").GetString().Should().Be("targeting-rules");
        Instruments.ChosenId(learned).Should().Be(Instruments.ChosenId(rules)).And.Be("ball-ad");
        learned.GetProperty("propensity").GetDouble().Should().Be(1, "these tests run without exploration");
        learned.GetProperty("explanation").GetString().Should().Contain("cold start");
    }
}
