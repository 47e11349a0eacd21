using System.Net;
using System.Net.Http.Json;
using Glance.Api.Endpoints;
using Glance.Detection;
using Glance.Detection.Local.Faces;
using Glance.Grains.Analysis;
using Glance.Grains.Interfaces.Gallery;
using Glance.Media.Images;
using Glance.Tests.Faces;
using Microsoft.Extensions.DependencyInjection;
using static Glance.Tests.Gallery.GalleryTestMedia;

namespace Glance.Tests.Gallery;

[Collection(GalleryApiCollection.Name)]
public sealed class PeopleEndpointTests(GalleryApiFactory api)
{
    [FaceModelsFact]
    public async Task A_person_from_a_real_photo_is_recognized_in_another_photo_through_the_tenants_context()
    {
        var (client, tenant) = await api.NewTenantAsync();
        var gallery = api.Services.GetRequiredService<IGrainFactory>().GetGrain<IGalleryGrain>(tenant.Tenant.Id);
        var before = await gallery.GetVersionAsync();

        var response = await client.PutAsync("/v1/people/blonde", Form(("name", "The blonde from sample1"), ("images", await BlondeFromSample1Async())));

        response.Headers.Location!.OriginalString.Should().StartWith("/v1/people/blonde/jobs/");
        (await response.Content.ReadFromJsonAsync<GalleryJobView>(ApiJson))!.Should().BeEquivalentTo(new { Kind = GalleryKind.Person, ItemId = "blonde" });
        await SucceededJobAsync(client, response);
        var view = (await client.GetFromJsonAsync<PersonView>("/v1/people/blonde"))!;
        view.Should().BeEquivalentTo(new { Id = "blonde", Name = "The blonde from sample1", ReferenceImages = 1 });
        (await gallery.GetVersionAsync()).Should().BeGreaterThan(before);

        var context = await gallery.GetSnapshotAsync();
        var person = context.People.Should().ContainSingle().Which;
        person.Id.Should().Be("blonde");
        person.Descriptors.Should().ContainSingle().Which.Should().HaveCount(128);

        // The stored descriptor does what it is for: the same woman in a different photo is named.
        var frame = await FaceModelsFixture.DecodeAsync(Path.Combine(FaceModelFiles.DemoFolder, "sample3.jpg"), 1280);
        var detections = await api.Services.GetRequiredService<LocalFaceDetector>().DetectAsync(new DetectionFrame(frame), GalleryDetectionContextSource.ToDetectionContext(context), CancellationToken.None);
        var known = detections.Should().ContainSingle(d => d.Id != null).Which;
        known.Id.Should().Be("blonde");
        (known.Box!.Value.X + (known.Box.Value.Width / 2)).Should().BeApproximately(0.61, 0.05, "she is in the middle of sample3.jpg");
    }

    [FaceModelsFact]
    public async Task Json_with_base64_images_works_and_a_name_only_update_keeps_the_images()
    {
        var (client, _) = await api.NewTenantAsync();
        var photo = await BlondeFromSample1Async();
        var mirrored = await DemoJpegAsync("sample1.jpg", BlondeCrop + ",hflip");

        var created = await client.PutAsJsonAsync("/v1/people/p1", new { name = "Anna", images = new[] { photo, mirrored } });
        await SucceededJobAsync(client, created);
        (await client.GetFromJsonAsync<PersonView>("/v1/people/p1"))!.ReferenceImages.Should().Be(2);
        var renamed = await client.PutAsJsonAsync("/v1/people/p1", new { name = "Anna B." });

        renamed.StatusCode.Should().Be(HttpStatusCode.OK);
        var view = (await renamed.Content.ReadFromJsonAsync<PersonView>())!;
        view.Name.Should().Be("Anna B.");
        view.ReferenceImages.Should().Be(2, "leaving images out keeps the stored ones");
        view.UpdatedAt.Should().BeOnOrAfter(view.CreatedAt);
        (await client.GetFromJsonAsync<PersonView>("/v1/people/p1"))!.Name.Should().Be("Anna B.");
        (await client.GetStringAsync("/v1/people/p1")).Should().NotContain(Convert.ToBase64String(photo)[..40], "image bytes are never echoed");
    }

    [FaceModelsFact]
    public async Task A_photo_without_a_face_fails_the_job_naming_the_image_and_the_reason()
    {
        var (client, _) = await api.NewTenantAsync();
        var noFace = await PngAsync("testsrc2=s=640x360");

        var response = await client.PutAsync("/v1/people/p1", Form(("name", "Nobody"), ("images", await BlondeFromSample1Async()), ("images", noFace)));

        var job = await FinishedJobAsync(client, response);
        job.Status.Should().Be(GalleryJobStatus.Failed);
        job.Problem!.Status.Should().Be(400);
        job.Problem.Errors!["images[1]"].Should().ContainSingle().Which.Should().Contain("No face was found");
        job.Problem.Errors.Should().NotContainKey("images[0]", "the first photo has a face");
        (await client.GetAsync("/v1/people/p1")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing is stored when one image fails");
    }

    [FaceModelsFact]
    public async Task An_upload_that_is_not_an_image_is_refused_clearly()
    {
        var (client, _) = await api.NewTenantAsync();

        var response = await client.PutAsJsonAsync("/v1/people/p1", new { name = "Nobody", images = new[] { "this is not a JPEG"u8.ToArray() } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await FieldErrorsAsync(response, "images[0]")).Should().ContainSingle().Which.Should().StartWith("Not a usable image");
    }

    [FaceModelsFact]
    public async Task A_new_person_needs_a_name_and_an_image()
    {
        var (client, _) = await api.NewTenantAsync();

        var noImages = await client.PutAsJsonAsync("/v1/people/p1", new { name = "Anna" });
        var noName = await client.PutAsync("/v1/people/p1", Form(("images", await BlondeFromSample1Async())));
        var badId = await client.PutAsJsonAsync("/v1/people/not%20valid", new { name = "Anna" });

        noImages.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await FieldErrorsAsync(noImages, "images")).Should().ContainSingle().Which.Should().Contain("at least one reference image");
        noName.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await FieldErrorsAsync(noName, "name")).Should().NotBeEmpty();
        badId.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await FieldErrorsAsync(badId, "personId")).Should().NotBeEmpty();
    }

    [FaceModelsFact]
    public async Task More_images_than_a_person_may_have_are_refused_before_any_face_search()
    {
        var (client, _) = await api.NewTenantAsync();
        var tiny = await PngAsync("color=c=gray:s=16x16");
        var parts = Enumerable.Range(0, 11).Select(_ => ("images", (object)tiny)).Prepend(("name", "Crowd")).ToArray();

        var multipart = await client.PutAsync("/v1/people/p1", Form(parts));
        var json = await client.PutAsJsonAsync("/v1/people/p1", new { name = "Crowd", images = Enumerable.Repeat(tiny, 11) });

        multipart.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ProblemAsync(multipart)).GetProperty("detail").GetString().Should().Contain("At most 10 images");
        json.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ProblemAsync(json)).GetProperty("detail").GetString().Should().Contain("At most 10 images");
    }

    [FaceModelsFact]
    public async Task People_are_listed_a_page_at_a_time_and_deleted()
    {
        var (client, tenant) = await api.NewTenantAsync();
        var photo = await BlondeFromSample1Async();
        foreach (var id in new[] { "c", "a", "b" })
        {
            await SucceededJobAsync(client, await client.PutAsync($"/v1/people/{id}", Form(("name", $"Person {id}"), ("images", photo))));
        }

        var first = (await client.GetFromJsonAsync<GalleryPage>("/v1/people?limit=2"))!;
        var second = (await client.GetFromJsonAsync<GalleryPage>($"/v1/people?limit=2&after={first.Next}"))!;
        var deleted = await client.DeleteAsync("/v1/people/b");
        var again = await client.DeleteAsync("/v1/people/b");
        var tooBig = await client.GetAsync("/v1/people?limit=101");

        first.Items.Select(i => i.Id).Should().Equal("a", "b");
        first.Next.Should().Be("b");
        second.Items.Select(i => i.Id).Should().Equal("c");
        second.Next.Should().BeNull();
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        again.StatusCode.Should().Be(HttpStatusCode.NotFound);
        tooBig.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var context = await api.Services.GetRequiredService<IGrainFactory>().GetGrain<IGalleryGrain>(tenant.Tenant.Id).GetSnapshotAsync();
        context.People.Select(p => p.Id).Should().Equal("a", "c");
    }
}
