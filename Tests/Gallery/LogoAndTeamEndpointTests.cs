using System.Net;
using System.Net.Http.Json;
using Glance.Detection;
using Glance.Detection.Local.Logos;
using Glance.Grains.Analysis;
using Glance.Grains.Interfaces.Gallery;
using Glance.Tests.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static Glance.Tests.Gallery.GalleryTestMedia;

namespace Glance.Tests.Gallery;

[Collection(GalleryApiCollection.Name)]
public sealed class LogoAndTeamEndpointTests(GalleryApiFactory api)
{
    [Fact]
    public async Task A_logo_rendered_by_ffmpeg_is_stored_and_found_on_air_through_the_tenants_context()
    {
        var (client, tenant) = await api.NewTenantAsync();
        var png = await LogoPngAsync();

        var response = await client.PutAsync("/v1/logos/gtv", Form(("name", "GTV Sports"), ("image", png)));

        await SucceededJobAsync(client, response);
        (await client.GetFromJsonAsync<LogoView>("/v1/logos/gtv")).Should().BeEquivalentTo(new { Id = "gtv", Name = "GTV Sports", Width = 150, Height = 60 });
        var context = await Gallery(tenant.Tenant.Id).GetSnapshotAsync();
        var logo = context.Logos.Should().ContainSingle().Which;
        logo.Template.Width.Should().Be(150);

        // The stored template does what it is for: the logo composited into the corner of a 720p frame is found there.
        var frame = await TestMedia.RenderAsync(TestMedia.Backgrounds()[0], 1280, 720, "[bg][1:v]overlay=x=1080:y=40[out]", png);
        var detector = new LocalLogoDetector(api.Services.GetRequiredService<LogoMatcher>(), NullLogger<LocalLogoDetector>.Instance);
        var detections = await detector.DetectAsync(new DetectionFrame(frame), GalleryDetectionContextSource.ToDetectionContext(context), CancellationToken.None);
        detections.Should().ContainSingle(d => d.Id == "gtv").Which.Box!.Value.X.Should().BeApproximately(1080 / 1280.0, 0.02);
    }

    [Fact]
    public async Task A_json_logo_is_scaled_to_its_width_on_air()
    {
        var (client, _) = await api.NewTenantAsync();
        var large = await PngAsync(Logos.LogoDetectorTests.LogoGraph.Replace("s=150x60", "s=300x120", StringComparison.Ordinal));

        var response = await client.PutAsJsonAsync("/v1/logos/gtv", new { name = "GTV", image = large, widthOnAir = 100 });

        await SucceededJobAsync(client, response);
        (await client.GetFromJsonAsync<LogoView>("/v1/logos/gtv")).Should().BeEquivalentTo(new { Width = 100, Height = 40 });
    }

    [Fact]
    public async Task A_retried_upload_is_answered_with_the_same_job_and_the_logo_is_written_once()
    {
        var (client, tenant) = await api.NewTenantAsync();
        var body = new { name = "GTV", image = await LogoPngAsync() };

        var first = await client.PutAsJsonAsync("/v1/logos/gtv", body);
        var retried = await client.PutAsJsonAsync("/v1/logos/gtv", body);
        await SucceededJobAsync(client, first);
        var afterwards = await client.PutAsJsonAsync("/v1/logos/gtv", body);
        var keyed = await PutWithKeyAsync(client, "upload-1", body);
        var keyedAgain = await PutWithKeyAsync(client, "upload-1", body);
        var keyReused = await PutWithKeyAsync(client, "upload-1", body with { name = "GTV 2" });

        retried.Headers.Location.Should().Be(first.Headers.Location);
        afterwards.StatusCode.Should().Be(HttpStatusCode.Accepted);
        afterwards.Headers.Location.Should().Be(first.Headers.Location);
        (await afterwards.Content.ReadFromJsonAsync<GalleryJobView>(ApiJson))!.Status.Should().Be(GalleryJobStatus.Succeeded, "the finished job is answered, not run again");
        keyed.Headers.Location.Should().NotBe(first.Headers.Location, "a client's key names its own job");
        keyedAgain.Headers.Location.Should().Be(keyed.Headers.Location);
        await SucceededJobAsync(client, keyed);
        keyReused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Gallery(tenant.Tenant.Id).ListAsync(GalleryKind.Logo, null, 10)).Should().ContainSingle().Which.Revision.Should().Be(2, "one write by the content's job, one by the keyed job");
        (await client.GetAsync("/v1/logos/other/jobs/" + first.Headers.Location!.OriginalString.Split('/')[^1])).StatusCode.Should().Be(HttpStatusCode.NotFound, "a job is found under its own item only");
    }

    [Fact]
    public async Task Unusable_logos_are_refused_with_the_reason_at_once_or_in_the_job()
    {
        var (client, _) = await api.NewTenantAsync();

        var flat = await client.PutAsync("/v1/logos/l1", Form(("name", "Flat"), ("image", await PngAsync("color=c=gray:s=100x50"))));
        var garbage = await client.PutAsync("/v1/logos/l1", Form(("name", "Garbage"), ("image", "GIF89a? no"u8.ToArray())));
        var tooBig = await client.PutAsync("/v1/logos/l1", Form(("name", "Big"), ("image", await PngAsync("testsrc2=s=400x300"))));
        var misspelt = await client.PutAsync("/v1/logos/l1", Form(("name", "Typo"), ("imgae", await LogoPngAsync())));

        // Only the work finds a logo with nothing but background, or a template too large once the background is cut.
        (await FinishedJobAsync(client, flat)).Problem!.Errors!["image"].Should().ContainSingle().Which.Should().StartWith("Not a usable logo");
        (await FinishedJobAsync(client, tooBig)).Problem!.Errors!["image"].Should().ContainSingle().Which.Should().Contain("widthOnAir");
        // Bytes that are no image are refused before a job is made.
        garbage.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await FieldErrorsAsync(garbage, "image")).Should().ContainSingle().Which.Should().StartWith("Not a usable image");
        misspelt.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await FieldErrorsAsync(misspelt, "imgae")).Should().ContainSingle().Which.Should().Contain("Unexpected file");
    }

    [Fact]
    public async Task A_team_naming_an_unknown_logo_is_a_validation_error_and_a_used_logo_cannot_be_deleted()
    {
        var (client, tenant) = await api.NewTenantAsync();
        var team = new { name = "Glance United", abbreviations = new[] { "GLU", "GU" }, nicknames = new[] { "The Glancers" }, logoId = "glu-crest" };

        var unknownLogo = await client.PutAsJsonAsync("/v1/teams/glu", team);
        await SucceededJobAsync(client, await client.PutAsync("/v1/logos/glu-crest", Form(("name", "GLU crest"), ("image", await LogoPngAsync()))));
        var created = await client.PutAsJsonAsync("/v1/teams/glu", team);
        var logoInUse = await client.DeleteAsync("/v1/logos/glu-crest");

        unknownLogo.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await FieldErrorsAsync(unknownLogo, "logoId")).Should().ContainSingle().Which.Should().Contain("no logo 'glu-crest'");
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        (await created.Content.ReadFromJsonAsync<TeamView>()).Should().BeEquivalentTo(new
        {
            Id = "glu", Name = "Glance United", Abbreviations = new[] { "GLU", "GU" }, Nicknames = new[] { "The Glancers" }, LogoId = "glu-crest",
        });
        logoInUse.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ProblemAsync(logoInUse)).GetProperty("detail").GetString().Should().Contain("'glu'");
        var context = await Gallery(tenant.Tenant.Id).GetSnapshotAsync();
        context.Teams.Should().ContainSingle().Which.Should().BeEquivalentTo(new GalleryTeam("glu", "Glance United", ["GLU", "GU"], ["The Glancers"], "glu-crest"));

        // Once no team uses it, the logo goes.
        (await client.PutAsJsonAsync("/v1/teams/glu", team with { logoId = (string)null! })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.DeleteAsync("/v1/logos/glu-crest")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Team_rules_are_reported_per_field()
    {
        var (client, _) = await api.NewTenantAsync();

        var response = await client.PutAsJsonAsync("/v1/teams/t1", new { name = " ", abbreviations = Enumerable.Range(0, 21).Select(i => $"A{i}"), nicknames = new[] { new string('n', 51) } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await FieldErrorsAsync(response, "name")).Should().NotBeEmpty();
        (await FieldErrorsAsync(response, "abbreviations")).Should().ContainSingle().Which.Should().Contain("at most 20");
        (await FieldErrorsAsync(response, "nicknames")).Should().ContainSingle().Which.Should().Contain("1 to 50");
    }

    [Fact]
    public async Task The_context_version_grows_with_every_change_and_the_context_follows()
    {
        var (client, tenant) = await api.NewTenantAsync();
        var gallery = Gallery(tenant.Tenant.Id);
        var versions = new List<long> { await gallery.GetVersionAsync() };

        (await client.PutAsJsonAsync("/v1/teams/a", new { name = "Alpha" })).EnsureSuccessStatusCode();
        versions.Add(await gallery.GetVersionAsync());
        var first = await gallery.GetSnapshotAsync();
        (await client.PutAsJsonAsync("/v1/teams/a", new { name = "Alpha FC" })).EnsureSuccessStatusCode();
        versions.Add(await gallery.GetVersionAsync());
        var second = await gallery.GetSnapshotAsync();
        (await client.DeleteAsync("/v1/teams/a")).EnsureSuccessStatusCode();
        versions.Add(await gallery.GetVersionAsync());
        var third = await gallery.GetSnapshotAsync();

        versions.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        (await gallery.GetVersionAsync()).Should().Be(versions[^1], "nothing changed since");
        (await gallery.GetSnapshotAsync()).Should().BeEquivalentTo(third, "an unchanged gallery serves the same context");
        first.Teams.Should().ContainSingle().Which.Name.Should().Be("Alpha");
        second.Teams.Should().ContainSingle().Which.Name.Should().Be("Alpha FC");
        third.Teams.Should().BeEmpty();
    }

    private static Task<HttpResponseMessage> PutWithKeyAsync(HttpClient client, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/v1/logos/gtv") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private IGalleryGrain Gallery(string tenantId) => api.Services.GetRequiredService<IGrainFactory>().GetGrain<IGalleryGrain>(tenantId);
}
