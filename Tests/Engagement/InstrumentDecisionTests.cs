using System.Net;
using System.Net.Http.Json;
using Glance.Tests.Api;

namespace Glance.Tests.Engagement;

public sealed class InstrumentDecisionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_instrument_targeting_what_is_on_screen_wins_and_the_answer_stays_hidden()
    {
        var scene = await Instruments.StartAsync(api);
        await scene.PutAsync("messi-quiz", Instruments.Trivia(targeting: new { entities = new[] { "person:messi" } }));
        await scene.PutAsync("porto-poll", Instruments.Poll(targeting: new { entities = new[] { "team:porto" } }, priority: 50));
        await scene.PutAsync("ball-ad", Instruments.Ad(targeting: new { entities = new[] { "label:Sports Ball" } }, bid: 2));
        await scene.PutAsync("anything", Instruments.Poll(name: "Untargeted"));
        var viewer = await scene.ViewerAsync("v1");

        var decision = (await scene.NextAsync(viewer, position: 45))!.Value;

        Instruments.ChosenId(decision).Should().Be("ball-ad", "porto is not on screen; of the two on-screen matches at priority 0 the higher bid wins");
        decision.GetProperty("decisionId").GetString().Should().StartWith("d-");
        decision.GetProperty("matched").EnumerateArray().Select(m => m.GetProperty("name").GetString()).Should().Equal("sports ball");
        decision.GetProperty("explanation").GetString().Should().Contain("label:sports ball").And.Contain("targeting rules");
        decision.GetProperty("propensity").GetDouble().Should().Be(1);
        decision.GetProperty("ranker").GetString().Should().Be("targeting-rules");
        decision.GetProperty("candidates").GetInt32().Should().Be(3);

        await scene.PutAsync("ball-ad", Instruments.Ad(targeting: new { entities = new[] { "label:car" } }, bid: 2));
        var quiz = (await scene.NextAsync(viewer, position: 45))!.Value;
        Instruments.ChosenId(quiz).Should().Be("messi-quiz", "no car is on screen; of the rest the quiz matches the context and the untargeted poll does not");
        quiz.GetProperty("matched").EnumerateArray().Select(m => m.GetProperty("id").GetString()).Should().Equal("messi");
        quiz.GetProperty("instrument").GetProperty("question").GetProperty("choices").GetArrayLength().Should().Be(3);
        quiz.GetProperty("instrument").GetProperty("question").TryGetProperty("answer", out _).Should().BeFalse("viewers must not see the answer");

        var startsAt = (await scene.Broadcaster.GetFromJsonAsync<System.Text.Json.JsonElement>($"/v1/events/{scene.EventId}")).GetProperty("definition").GetProperty("startsAt").GetDateTimeOffset();
        var at = Uri.EscapeDataString(startsAt.AddSeconds(45).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var byTime = await viewer.GetFromJsonAsync<System.Text.Json.JsonElement>($"{scene.Path}/next?at={at}");
        Instruments.ChosenId(byTime).Should().Be("messi-quiz", "at= is mapped to the same position as the context query maps it");
        byTime.GetProperty("position").GetDouble().Should().BeApproximately(45, 0.001);

        var later = (await scene.NextAsync(viewer, position: 200))!.Value;
        Instruments.ChosenId(later).Should().Be("anything", "nothing targeted is on screen at 200 s");
    }

    [Fact]
    public async Task Caps_spacing_and_validity_always_win_and_nothing_qualifying_is_204()
    {
        var scene = await Instruments.StartAsync(api);
        await scene.PutAsync("capped", Instruments.Trivia(name: "Capped", priority: 30, maxPerViewer: 2));
        await scene.PutAsync("spaced", Instruments.Trivia(name: "Spaced", priority: 20, minSpacingSeconds: 3600));
        await scene.PutAsync("late", Instruments.Trivia(name: "Late", priority: 100, validity: new { fromPosition = 100 }));
        await scene.PutAsync("expired", Instruments.Trivia(name: "Expired", priority: 1000, validity: new { notAfter = DateTimeOffset.UtcNow.AddDays(-1) }));
        var viewer = await scene.ViewerAsync("v1");
        var other = await scene.ViewerAsync("v2");

        var served = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            served.Add((await scene.NextAsync(viewer, position: 45)) is { } decision ? Instruments.ChosenId(decision) : "none");
        }

        served.Should().Equal("capped", "capped", "spaced", "none");
        Instruments.ChosenId(await scene.NextAsync(other, position: 45)).Should().Be("capped", "caps count per viewer");
        Instruments.ChosenId(await scene.NextAsync(viewer, position: 120)).Should().Be("late", "its event-time window has opened");
        (await viewer.GetAsync($"{scene.Path}/next?position=45")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await viewer.GetAsync($"/v1/events/nope/instruments/next?position=45")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await viewer.GetAsync($"{scene.Path}/next")).StatusCode.Should().Be(HttpStatusCode.BadRequest, "a position or a time is needed");
    }

    [Fact]
    public async Task A_viewer_who_opted_out_gets_only_non_personalized_choices()
    {
        var scene = await Instruments.StartAsync(api);
        await scene.PutAsync("fans-offer", new
        {
            kind = "crosssell",
            name = "Porto shirt",
            offer = new { product = "Home shirt", price = 79.9, currency = "EUR", url = "https://shop.example.com/shirt" },
            targeting = new { segments = new[] { "porto-fans" }, countries = new[] { "PT" } },
            priority = 10,
        });
        await scene.PutAsync("general", Instruments.Poll());
        var fan = await scene.ViewerAsync("fan", new { country = "PT", segments = new[] { "porto-fans" } });
        var optedOut = await scene.ViewerAsync("private", new { country = "PT", segments = new[] { "porto-fans" }, personalization = false });
        var anonymous = await scene.ViewerAsync("no-profile");

        var personal = (await scene.NextAsync(fan))!.Value;
        Instruments.ChosenId(personal).Should().Be("fans-offer");
        personal.GetProperty("personalized").GetBoolean().Should().BeTrue();

        var general = (await scene.NextAsync(optedOut))!.Value;
        Instruments.ChosenId(general).Should().Be("general", "the audience-targeted offer is never chosen from an opted-out profile");
        general.GetProperty("personalized").GetBoolean().Should().BeFalse();
        general.GetProperty("explanation").GetString().Should().Contain("opted out");
        Instruments.ChosenId(await scene.NextAsync(anonymous)).Should().Be("general");
    }

    [Fact]
    public async Task A_broadcaster_decides_for_a_named_viewer_and_a_viewer_only_for_itself()
    {
        var scene = await Instruments.StartAsync(api);
        await scene.PutAsync("general", Instruments.Poll());
        var viewer = await scene.ViewerAsync("v1");

        (await scene.Broadcaster.GetAsync($"{scene.Path}/next?position=45&viewerId=v7")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await scene.Broadcaster.GetAsync($"{scene.Path}/next?position=45")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await viewer.GetAsync($"{scene.Path}/next?position=45&viewerId=v7")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.Anonymous().GetAsync($"{scene.Path}/next?position=45")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var (other, _) = await api.NewTenantAsync();
        (await other.GetAsync($"{scene.Path}/next?position=45&viewerId=v1")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the event is another tenant's");
    }
}
