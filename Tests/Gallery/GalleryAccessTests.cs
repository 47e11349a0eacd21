using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Glance.Api.Security;
using Glance.Tests.Faces;
using static Glance.Tests.Gallery.GalleryTestMedia;

namespace Glance.Tests.Gallery;

[Collection(GalleryApiCollection.Name)]
public sealed class GalleryAccessTests(GalleryApiFactory api)
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/v1/people" },
        { "PUT", "/v1/people/p1" },
        { "GET", "/v1/logos/l1" },
        { "PUT", "/v1/logos/l1" },
        { "PUT", "/v1/teams/t1" },
        { "DELETE", "/v1/teams/t1" },
        { "GET", "/v1/classifiers" },
        { "PUT", "/v1/classifiers/c1" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Without_credentials_the_gallery_answers_401(string method, string path)
    {
        var response = await api.Anonymous().SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { name = "x" }) });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_viewer_token_on_the_gallery_is_403(string method, string path)
    {
        var (client, _) = await api.NewTenantAsync();
        var token = await api.ViewerTokenAsync(client, "v1");

        var response = await api.As(token).SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { name = "x" }) });

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_tenants_ids_answer_404_and_stay_untouched()
    {
        var (theirs, _) = await api.NewTenantAsync();
        var (mine, _) = await api.NewTenantAsync();
        await SucceededJobAsync(theirs, await theirs.PutAsync("/v1/logos/crest", Form(("name", "Their crest"), ("image", await LogoPngAsync()))));
        (await theirs.PutAsJsonAsync("/v1/teams/reds", new { name = "Reds", logoId = "crest" })).EnsureSuccessStatusCode();

        (await mine.GetAsync("/v1/teams/reds")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await mine.GetAsync("/v1/logos/crest")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await mine.DeleteAsync("/v1/teams/reds")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await mine.DeleteAsync("/v1/logos/crest")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var borrowing = await mine.PutAsJsonAsync("/v1/teams/blues", new { name = "Blues", logoId = "crest" });
        borrowing.StatusCode.Should().Be(HttpStatusCode.BadRequest, "their logo is not in my gallery");
        (await mine.GetFromJsonAsync<Glance.Api.Endpoints.GalleryPage>("/v1/teams"))!.Items.Should().BeEmpty();

        (await theirs.GetAsync("/v1/teams/reds")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await theirs.GetAsync("/v1/logos/crest")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_upload_over_the_body_limit_is_413()
    {
        var (client, _) = await api.NewTenantAsync();
        var limit = new AccessOptions().MaxImageUploadBytes;
        var body = new StringBuilder("{\"name\":\"Big\",\"image\":\"");
        body.Append('A', (int)limit);
        body.Append("\"}");

        // As careful clients send big bodies: the server refuses on the headers, before the body is sent.
        using var request = new HttpRequestMessage(HttpMethod.Put, "/v1/logos/l1") { Content = new StringContent(body.ToString(), Encoding.ASCII, "application/json") };
        request.Headers.ExpectContinue = true;

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task An_image_over_the_per_image_limit_is_413_naming_it()
    {
        var (client, _) = await api.NewTenantAsync();
        var image = new byte[(4 * 1024 * 1024) + 1];

        var response = await client.PutAsync("/v1/logos/l1", Form(("name", "Big"), ("image", image)));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await ProblemAsync(response)).GetProperty("detail").GetString().Should().Contain("'image'").And.Contain("4,194,304");
    }

    [Fact]
    public async Task Uploads_bigger_than_ordinary_bodies_are_accepted()
    {
        var (client, _) = await api.NewTenantAsync();
        var large = await PngAsync("testsrc2=s=1280x720,noise=alls=80:allf=t"); // noise keeps PNG from compressing it below 1 MB

        var response = await client.PutAsync("/v1/logos/l1", Form(("name", "Large"), ("image", large), ("widthOnAir", 200)));

        large.Length.Should().BeGreaterThan((int)new AccessOptions().MaxBodyBytes, "the upload must exceed the ordinary body limit to test anything");
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Other_content_types_are_415_and_malformed_json_is_400()
    {
        var (client, _) = await api.NewTenantAsync();

        var text = await client.PutAsync("/v1/logos/l1", new StringContent("name=x", Encoding.UTF8, "text/plain"));
        var json = await client.PutAsync("/v1/logos/l1", new StringContent("{\"name\":\"x\",\"image\":\"not base64!\"}", Encoding.UTF8, "application/json"));

        text.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        json.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_openapi_document_describes_json_and_multipart_uploads()
    {
        var document = await api.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var put = document.GetProperty("paths").GetProperty("/v1/people/{personId}").GetProperty("put");
        var content = put.GetProperty("requestBody").GetProperty("content");
        content.TryGetProperty("application/json", out _).Should().BeTrue();
        var images = content.GetProperty("multipart/form-data").GetProperty("schema").GetProperty("properties").GetProperty("images");
        images.GetProperty("type").GetString().Should().Be("array");
        images.GetProperty("items").GetProperty("format").GetString().Should().Be("binary");
        put.GetProperty("responses").TryGetProperty("413", out _).Should().BeTrue();
        put.GetProperty("responses").TryGetProperty("202", out _).Should().BeTrue("an upload with images is answered with its job");
        var job = document.GetProperty("paths").GetProperty("/v1/people/{personId}/jobs/{jobId}").GetProperty("get");
        job.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Should().BeEquivalentTo("personId", "jobId");
        put.GetProperty("parameters").EnumerateArray().Should().ContainSingle(p => p.GetProperty("name").GetString() == "personId" && p.GetProperty("in").GetString() == "path");
        document.GetProperty("paths").GetProperty("/v1/classifiers/{classifierId}").GetProperty("put").GetProperty("requestBody").GetProperty("content")
            .GetProperty("multipart/form-data").GetProperty("schema").GetProperty("properties").TryGetProperty("examples[0].image", out _).Should().BeTrue();
    }

    [FaceModelsFact]
    public async Task A_name_is_checked_before_any_image_work()
    {
        var (client, _) = await api.NewTenantAsync();

        var response = await client.PutAsync("/v1/people/p1", Form(("name", "   "), ("images", "not an image"u8.ToArray())));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await FieldErrorsAsync(response, "name")).Should().ContainSingle();
        (await FieldErrorsAsync(response, "images[0]")).Should().BeEmpty("the image was never looked at");
    }
}
