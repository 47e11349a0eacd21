using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Glance.Grains.Interfaces.Engagement;
using Glance.Tests.Api;

namespace Glance.Tests.Engagement;

public sealed class InstrumentCatalogTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_broadcaster_creates_replaces_reads_lists_and_deletes_instruments()
    {
        var scene = await Instruments.StartAsync(api);
        var created = await scene.Broadcaster.PutAsJsonAsync($"{scene.Path}/quiz-1", Instruments.Trivia(targeting: new { entities = new[] { " Person:messi ", "person:MESSI" }, countries = new[] { "pt" } }));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var first = (await created.Content.ReadFromJsonAsync<InstrumentView>(ApiJson.Options))!;
        first.Revision.Should().Be(1);
        first.Definition.Targeting!.Entities.Should().Equal(["person:messi"], "kinds are lower-cased and repeats dropped");
        first.Definition.Targeting.Countries.Should().Equal("PT");

        var replaced = await scene.Broadcaster.PutAsJsonAsync($"{scene.Path}/quiz-1", Instruments.Trivia(name: "Renamed"));
        replaced.StatusCode.Should().Be(HttpStatusCode.OK);
        await scene.PutAsync("ad-1", Instruments.Ad());
        await scene.PutAsync("poll-1", Instruments.Poll());

        var read = (await scene.Broadcaster.GetFromJsonAsync<InstrumentView>($"{scene.Path}/quiz-1", ApiJson.Options))!;
        read.Definition.Name.Should().Be("Renamed");
        read.Revision.Should().Be(2);
        read.CreatedAt.Should().Be(first.CreatedAt);
        read.Definition.Question!.Answer.Should().Be(2, "the broadcaster sees the answer it wrote");

        var page = (await scene.Broadcaster.GetFromJsonAsync<JsonElement>($"{scene.Path}?limit=2"))!;
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Equal("ad-1", "poll-1");
        var rest = (await scene.Broadcaster.GetFromJsonAsync<JsonElement>($"{scene.Path}?limit=2&after={page.GetProperty("next").GetString()}"))!;
        rest.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Equal("quiz-1");
        rest.GetProperty("next").ValueKind.Should().Be(JsonValueKind.Null);

        (await scene.Broadcaster.DeleteAsync($"{scene.Path}/quiz-1")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await scene.Broadcaster.GetAsync($"{scene.Path}/quiz-1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await scene.Broadcaster.DeleteAsync($"{scene.Path}/quiz-1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_tenant_and_an_unknown_event_see_nothing_and_viewers_cannot_write()
    {
        var scene = await Instruments.StartAsync(api);
        await scene.PutAsync("ad-1", Instruments.Ad());
        var (other, _) = await api.NewTenantAsync();
        var viewer = await scene.ViewerAsync("v1");

        (await other.GetAsync($"{scene.Path}/ad-1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.PutAsJsonAsync($"{scene.Path}/ad-1", Instruments.Ad())).StatusCode.Should().Be(HttpStatusCode.NotFound, "the event is another tenant's");
        (await scene.Broadcaster.PutAsJsonAsync("/v1/events/nope/instruments/ad-1", Instruments.Ad())).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await viewer.PutAsJsonAsync($"{scene.Path}/ad-2", Instruments.Ad())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await scene.Broadcaster.GetFromJsonAsync<InstrumentView>($"{scene.Path}/ad-1", ApiJson.Options))!.Definition.Name.Should().Be("Ball ad");
    }

    [Fact]
    public async Task Deleting_the_event_deletes_its_instruments()
    {
        var scene = await Instruments.StartAsync(api);
        await scene.PutAsync("ad-1", Instruments.Ad());

        (await scene.Broadcaster.DeleteAsync($"/v1/events/{scene.EventId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await scene.Broadcaster.PostAsJsonAsync("/v1/events", ApiFactory.UpcomingEvent(scene.EventId))).EnsureSuccessStatusCode();

        (await scene.Broadcaster.GetAsync($"{scene.Path}/ad-1")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a new event of the same id starts with no instruments");
    }

    [Fact]
    public async Task Bad_values_are_a_validation_problem_naming_each_field_and_nothing_is_stored()
    {
        var scene = await Instruments.StartAsync(api);

        var response = await scene.Broadcaster.PutAsJsonAsync($"{scene.Path}/bad", new
        {
            kind = "ad",
            name = " ",
            question = new { question = "Q?", choices = new[] { "a", "b" }, answer = 0 },
            targeting = new { entities = new[] { "planet:mars" }, countries = new[] { "Portugal" }, ageRanges = new[] { "30" }, segments = new[] { "../x" } },
            validity = new { fromPosition = 100, toPosition = 50 },
            maxPerViewer = 0,
            minSpacingSeconds = -1,
            priority = 5000,
            bid = -1,
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await AccessTests.Problem(response)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(
            "name", "ad", "question", "targeting.entities", "targeting.countries", "targeting.ageRanges", "targeting.segments",
            "validity.toPosition", "maxPerViewer", "minSpacingSeconds", "priority", "bid");
        (await scene.Broadcaster.GetAsync($"{scene.Path}/bad")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing was stored");
    }

    [Fact]
    public async Task Payload_fields_are_checked_per_kind_and_counts_and_sizes_are_bounded()
    {
        var scene = await Instruments.StartAsync(api);

        var ad = await scene.Broadcaster.PutAsJsonAsync($"{scene.Path}/ad", new
        {
            kind = "ad",
            name = "Ad",
            ad = new { creativeUrl = "ftp://x/y.mp4", clickThroughUrl = "not a url", durationSeconds = 0, advertiser = "" },
        });
        var offer = await scene.Broadcaster.PutAsJsonAsync($"{scene.Path}/offer", new
        {
            kind = "upsell",
            name = "Shirt",
            offer = new { product = "Shirt", price = -3, currency = "euro", url = "https://shop.example.com/shirt" },
            targeting = new { entities = Enumerable.Range(0, 51).Select(i => $"team:t{i}").ToArray() },
        });
        var trivia = await scene.Broadcaster.PutAsJsonAsync($"{scene.Path}/q", new
        {
            kind = "quiz",
            name = "Q",
            question = new { question = "Q?", choices = Enumerable.Range(0, 11).Select(i => $"c{i}").ToArray(), answer = 11 },
        });
        var huge = await scene.Broadcaster.PutAsJsonAsync($"{scene.Path}/huge", new { kind = "poll", name = new string('x', 100_000) });
        var reserved = await scene.Broadcaster.PutAsJsonAsync($"{scene.Path}/next", Instruments.Poll());

        (await AccessTests.Problem(ad)).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .Should().BeEquivalentTo("ad.creativeUrl", "ad.clickThroughUrl", "ad.durationSeconds", "ad.advertiser");
        (await AccessTests.Problem(offer)).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .Should().BeEquivalentTo("offer.price", "offer.currency", "targeting.entities");
        (await AccessTests.Problem(trivia)).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .Should().BeEquivalentTo("question.choices", "question.answer");
        huge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        reserved.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await AccessTests.Problem(reserved)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("instrumentId");
    }
}
