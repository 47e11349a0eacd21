using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Glance.Tests.Api;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Engagement;

public sealed class EngagementFeedbackTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_answer_is_scored_recorded_once_per_idempotency_key_and_counted_in_the_quiz_scores()
    {
        var scene = await Instruments.StartAsync(api);
        await scene.PutAsync("quiz", Instruments.Trivia());
        var viewer = await scene.ViewerAsync("v1");
        var decisionId = (await scene.NextAsync(viewer))!.Value.GetProperty("decisionId").GetString();

        var first = await viewer.PostAsJsonAsync("/v1/viewers/v1/engagements", new { decisionId, type = "answer", choice = 2, idempotencyKey = "k1" });
        var again = await viewer.PostAsJsonAsync("/v1/viewers/v1/engagements", new { decisionId, type = "answer", choice = 2, idempotencyKey = "k1" });
        var changed = await viewer.PostAsJsonAsync("/v1/viewers/v1/engagements", new { decisionId, type = "answer", choice = 0, idempotencyKey = "k1" });
        using var viaHeader = new HttpRequestMessage(HttpMethod.Post, "/v1/viewers/v1/engagements") { Content = JsonContent.Create(new { decisionId, type = "impression" }) };
        viaHeader.Headers.Add("Idempotency-Key", "k2");
        var impression = await viewer.SendAsync(viaHeader);

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var receipt = await Json(first);
        receipt.GetProperty("correct").GetBoolean().Should().BeTrue();
        receipt.GetProperty("instrumentId").GetString().Should().Be("quiz");
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Json(again)).GetProperty("sequence").GetInt64().Should().Be(receipt.GetProperty("sequence").GetInt64());
        (await Json(again)).GetProperty("replayed").GetBoolean().Should().BeTrue();
        changed.StatusCode.Should().Be(HttpStatusCode.Conflict);
        impression.StatusCode.Should().Be(HttpStatusCode.Created);

        var history = await viewer.GetFromJsonAsync<JsonElement>("/v1/viewers/v1/engagements");
        history.EnumerateArray().Select(e => e.GetProperty("type").GetString()).Should().Equal("impression", "answer");
        var results = await scene.Broadcaster.GetFromJsonAsync<JsonElement>($"/v1/events/{scene.EventId}/engagements");
        var quiz = results.GetProperty("instruments").EnumerateArray().Single();
        quiz.GetProperty("answers").GetInt64().Should().Be(1, "the repeated report was not counted again");
        quiz.GetProperty("correctAnswers").GetInt64().Should().Be(1);
        quiz.GetProperty("impressions").GetInt64().Should().Be(1);
        var score = results.GetProperty("quizScores").EnumerateArray().Single();
        (score.GetProperty("viewerId").GetString(), score.GetProperty("correct").GetInt32()).Should().Be(("v1", 1));
        (await viewer.GetAsync($"/v1/events/{scene.EventId}/engagements")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "results are the broadcaster's");
    }

    [Fact]
    public async Task Poll_votes_are_counted_per_option_and_reports_that_do_not_fit_the_decision_are_refused()
    {
        var scene = await Instruments.StartAsync(api);
        await scene.PutAsync("poll", Instruments.Poll());
        var votes = new[] { 0, 2, 2 };
        for (var i = 0; i < votes.Length; i++)
        {
            var viewer = await scene.ViewerAsync($"v{i}");
            var decisionId = (await scene.NextAsync(viewer))!.Value.GetProperty("decisionId").GetString();
            (await viewer.PostAsJsonAsync($"/v1/viewers/v{i}/engagements", new { decisionId, type = "vote", choice = votes[i], idempotencyKey = "vote" }))
                .StatusCode.Should().Be(HttpStatusCode.Created);
            if (i == 0)
            {
                var wrongType = await viewer.PostAsJsonAsync("/v1/viewers/v0/engagements", new { decisionId, type = "answer", choice = 1, idempotencyKey = "a" });
                var outOfRange = await viewer.PostAsJsonAsync("/v1/viewers/v0/engagements", new { decisionId, type = "vote", choice = 3, idempotencyKey = "b" });
                var unknown = await viewer.PostAsJsonAsync("/v1/viewers/v0/engagements", new { decisionId = "d-000", type = "click", idempotencyKey = "c" });
                var noKey = await viewer.PostAsJsonAsync("/v1/viewers/v0/engagements", new { decisionId, type = "click" });
                var badType = await viewer.PostAsJsonAsync("/v1/viewers/v0/engagements", new { decisionId, type = "love", idempotencyKey = "d" });
                (await Field(wrongType)).Should().Be("type");
                (await Field(outOfRange)).Should().Be("choice");
                (await Field(unknown)).Should().Be("decisionId");
                (await Field(noKey)).Should().Be("idempotencyKey");
                badType.StatusCode.Should().Be(HttpStatusCode.BadRequest);
                (await viewer.PostAsJsonAsync("/v1/viewers/v9/engagements", new { decisionId, type = "click", idempotencyKey = "e" })).StatusCode
                    .Should().Be(HttpStatusCode.NotFound, "a viewer reports only for itself");
            }
        }

        var results = await scene.Broadcaster.GetFromJsonAsync<JsonElement>($"/v1/events/{scene.EventId}/engagements");
        results.GetProperty("instruments").EnumerateArray().Single().GetProperty("votes").EnumerateArray().Select(v => v.GetInt64()).Should().Equal(1, 0, 2);
    }

    [Fact]
    public async Task Deleting_the_profile_deletes_the_engagement_history_and_the_caps_it_held()
    {
        var scene = await Instruments.StartAsync(api);
        await scene.PutAsync("once", Instruments.Trivia(maxPerViewer: 1));
        var viewer = await scene.ViewerAsync("v1", new { country = "PT" });
        var decisionId = (await scene.NextAsync(viewer))!.Value.GetProperty("decisionId").GetString();
        (await viewer.PostAsJsonAsync("/v1/viewers/v1/engagements", new { decisionId, type = "dismiss", idempotencyKey = "k" })).EnsureSuccessStatusCode();
        (await scene.NextAsync(viewer)).Should().BeNull("capped at one");

        (await viewer.DeleteAsync("/v1/viewers/v1/profile")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await viewer.GetFromJsonAsync<JsonElement>("/v1/viewers/v1/engagements")).GetArrayLength().Should().Be(0);
        (await viewer.PostAsJsonAsync("/v1/viewers/v1/engagements", new { decisionId, type = "click", idempotencyKey = "k2" })).StatusCode
            .Should().Be(HttpStatusCode.BadRequest, "the decisions went with the history");
        (await scene.NextAsync(viewer)).Should().NotBeNull("the serving count that capped it is forgotten too");

        var noProfile = await scene.ViewerAsync("v2");
        (await scene.NextAsync(noProfile)).Should().NotBeNull();
        (await noProfile.DeleteAsync("/v1/viewers/v2/profile")).StatusCode.Should().Be(HttpStatusCode.NoContent, "a history without a profile is erased too");
        (await noProfile.DeleteAsync("/v1/viewers/v2/profile")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_acknowledged_engagement_survives_a_restart_and_its_key_is_still_recognised()
    {
        using var folder = new TemporaryDirectory();
        string broadcasterKey;
        string decisionId;
        string token;
        string eventId;
        await using (var first = new ApiFactory().WithSqliteStore(folder.Path))
        {
            var scene = await Instruments.StartAsync(first);
            eventId = scene.EventId;
            await scene.PutAsync("quiz", Instruments.Trivia());
            broadcasterKey = scene.Broadcaster.DefaultRequestHeaders.Authorization!.Parameter!;
            token = await first.ViewerTokenAsync(scene.Broadcaster, "v1");
            var viewer = first.As(token);
            decisionId = (await scene.NextAsync(viewer))!.Value.GetProperty("decisionId").GetString()!;
            (await viewer.PostAsJsonAsync("/v1/viewers/v1/engagements", new { decisionId, type = "answer", choice = 1, idempotencyKey = "k1" }))
                .StatusCode.Should().Be(HttpStatusCode.Created);
        }

        await using var second = new ApiFactory().WithSqliteStore(folder.Path);
        var again = second.As(token);
        var history = await again.GetFromJsonAsync<JsonElement>("/v1/viewers/v1/engagements");
        history.EnumerateArray().Single().GetProperty("correct").GetBoolean().Should().BeFalse();
        var replay = await again.PostAsJsonAsync("/v1/viewers/v1/engagements", new { decisionId, type = "answer", choice = 1, idempotencyKey = "k1" });
        replay.StatusCode.Should().Be(HttpStatusCode.OK, "the key was stored with the engagement");
        var results = await second.As(broadcasterKey).GetFromJsonAsync<JsonElement>($"/v1/events/{eventId}/engagements");
        results.GetProperty("instruments").EnumerateArray().Single().GetProperty("answers").GetInt64().Should().Be(1);
        (await second.As(broadcasterKey).GetAsync($"/v1/events/{eventId}/instruments/quiz")).StatusCode.Should().Be(HttpStatusCode.OK, "the catalog is persisted too");
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task<string> Field(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        return (await AccessTests.Problem(response)).GetProperty("errors").EnumerateObject().Single().Name;
    }
}
