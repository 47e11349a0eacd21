using System.Net;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Glance.Api.Endpoints;
using Glance.Tests.Api;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Engagement;

public sealed class VastTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly XNamespace Vast = VastDocument.Namespace;

    [Fact]
    public async Task An_ad_decision_is_a_VAST_4_document_that_validates_against_the_schema()
    {
        var scene = await Instruments.StartAsync(api);
        await scene.PutAsync("ball-ad", Instruments.Ad(targeting: new { entities = new[] { "label:sports ball" } }));
        await scene.PutAsync("quiz", Instruments.Trivia(priority: 100));
        var viewer = await scene.ViewerAsync("v1");

        var response = await viewer.GetAsync($"{scene.Path}/next.vast?position=45");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/xml");
        var document = Validated(await response.Content.ReadAsStringAsync());
        var ad = document.Root!.Element(Vast + "Ad")!;
        ad.Attribute("id")!.Value.Should().Be("ball-ad", "VAST is for ads: the higher-priority quiz is not a candidate");
        var linear = ad.Descendants(Vast + "Linear").Single();
        linear.Element(Vast + "Duration")!.Value.Should().Be("00:00:15.500");
        linear.Descendants(Vast + "MediaFile").Single().Value.Should().Be("https://cdn.example.com/ads/ball.mp4");
        linear.Descendants(Vast + "ClickThrough").Single().Value.Should().Be("https://shop.example.com/ball?src=glance&x=1");
        ad.Descendants(Vast + "Advertiser").Single().Value.Should().Be("Ball & Co");
    }

    [Fact]
    public async Task Accept_application_xml_on_next_answers_VAST_and_no_ad_is_an_empty_valid_VAST()
    {
        var scene = await Instruments.StartAsync(api);
        await scene.PutAsync("quiz", Instruments.Trivia());
        var viewer = await scene.ViewerAsync("v1");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{scene.Path}/next?position=45");
        request.Headers.Accept.ParseAdd("application/xml");

        var response = await viewer.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var document = Validated(await response.Content.ReadAsStringAsync());
        document.Root!.Elements().Should().BeEmpty("no ad qualifies: an empty VAST is a no-fill");
        (await scene.NextAsync(viewer)).Should().NotBeNull("the JSON form still offers the quiz");
    }

    [Fact]
    public async Task The_tracking_urls_record_the_impression_and_the_click_once_each()
    {
        var scene = await Instruments.StartAsync(api);
        await scene.PutAsync("ball-ad", Instruments.Ad());
        var viewer = await scene.ViewerAsync("v1");
        var document = Validated(await viewer.GetStringAsync($"{scene.Path}/next.vast?position=45"));
        var impression = new Uri(document.Descendants(Vast + "Impression").Single().Value);
        var click = new Uri(document.Descendants(Vast + "ClickTracking").Single().Value);
        var player = api.Anonymous();

        (await player.GetAsync(impression.PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await player.GetAsync(impression.PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.NoContent, "players may fire a pixel twice");
        (await player.GetAsync(click.PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var tampered = impression.PathAndQuery[..^2] + (impression.PathAndQuery.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA");
        (await player.GetAsync(tampered)).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var history = System.Text.Json.JsonDocument.Parse(await viewer.GetStringAsync("/v1/viewers/v1/engagements")).RootElement;
        history.EnumerateArray().Select(e => e.GetProperty("type").GetString()).Should().Equal("click", "impression");
        var results = System.Text.Json.JsonDocument.Parse(await scene.Broadcaster.GetStringAsync($"/v1/events/{scene.EventId}/engagements")).RootElement;
        var counts = results.GetProperty("instruments").EnumerateArray().Single();
        counts.GetProperty("impressions").GetInt64().Should().Be(1);
        counts.GetProperty("clicks").GetInt64().Should().Be(1);
    }

    /// <summary>Parses and validates against the minimal VAST 4.1 schema; any error or warning fails the test.</summary>
    private static XDocument Validated(string xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(VastDocument.Namespace, Path.Combine(RepositoryPaths.Root, "Tests", "Engagement", "vast-4.1-minimal.xsd"));
        var document = XDocument.Parse(xml);
        var problems = new List<string>();
        document.Validate(schemas, (_, e) => problems.Add($"{e.Severity}: {e.Message}"));
        problems.Should().BeEmpty(xml);
        return document;
    }
}
