using System.Net;
using System.Net.Http.Json;
using Glance.Api.Endpoints;
using Glance.Detection;
using Glance.Detection.Local.Classifiers;
using Glance.Grains.Analysis;
using Glance.Grains.Interfaces.Gallery;
using Glance.Media.Images;
using Glance.Tests.Objects;
using Microsoft.Extensions.DependencyInjection;
using static Glance.Tests.Gallery.GalleryTestMedia;

namespace Glance.Tests.Gallery;

/// <summary>A fact that needs human's CenterNet model (the classifiers' embedding); skipped, naming what is missing, otherwise.</summary>
public sealed class CenterNetFactAttribute : FactAttribute
{
    public CenterNetFactAttribute()
    {
        if (!ObjectTestFiles.ModelInstalled)
        {
            Skip = "node_modules/@vladmandic/human/models/centernet.json is not installed: run scripts/setup";
        }
    }
}

[Collection(GalleryApiCollection.Name)]
public sealed class ClassifierEndpointTests(GalleryApiFactory api)
{
    /// <summary>Flat colour cards against busy test patterns: two classes the backbone's embedding tells apart at once.</summary>
    private static readonly string[] Flat = ["color=c=navy:s=320x180", "color=c=darkgreen:s=320x180", "color=c=maroon:s=320x180"];
    private static readonly string[] Patterns = ["testsrc2=s=320x180", "smptebars=s=320x180", "mandelbrot=s=320x180"];

    [CenterNetFact]
    public async Task A_classifier_trained_from_multipart_examples_is_stored_listed_and_classifies_a_new_frame()
    {
        var (client, tenant) = await api.NewTenantAsync();
        var parts = new List<(string, object)> { ("name", "Flat or busy") };
        var examples = Flat.Select(g => (Label: "flat", Graph: g)).Concat(Patterns.Select(g => (Label: "pattern", Graph: g))).ToList();
        for (var i = 0; i < examples.Count; i++)
        {
            parts.Add(($"examples[{i}].label", examples[i].Label));
            parts.Add(($"examples[{i}].image", await PngAsync(examples[i].Graph)));
        }

        var response = await client.PutAsync("/v1/classifiers/look", Form([.. parts]));

        await SucceededJobAsync(client, response);
        var view = (await client.GetFromJsonAsync<ClassifierView>("/v1/classifiers/look"))!;
        view.Classes.Should().Equal("flat", "pattern");
        view.ExamplesPerClass.Should().BeEquivalentTo(new Dictionary<string, int> { ["flat"] = 3, ["pattern"] = 3 });
        view.TrainingAccuracy.Should().Be(1.0);
        view.ModelBytes.Should().BeGreaterThan(0);
        var listed = (await client.GetFromJsonAsync<GalleryPage>("/v1/classifiers"))!;
        listed.Items.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Id = "look", Name = "Flat or busy" });
        (await client.GetFromJsonAsync<ClassifierView>("/v1/classifiers/look"))!.Classes.Should().Equal("flat", "pattern");

        var context = await api.Services.GetRequiredService<IGrainFactory>().GetGrain<IGalleryGrain>(tenant.Tenant.Id).GetSnapshotAsync();
        context.Classifiers.Should().ContainSingle().Which.Classes.Should().Equal("flat", "pattern");
        var unseen = await api.Services.GetRequiredService<FfmpegImageCodec>().DecodeAsync(await PngAsync("color=c=purple:s=320x180"), ImageDecodeLimits.Default, CancellationToken.None);
        var detections = await api.Services.GetRequiredService<LocalSportDetector>().DetectAsync(new DetectionFrame(unseen), GalleryDetectionContextSource.ToDetectionContext(context), CancellationToken.None);
        detections.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Id = "look", Name = "flat" });
    }

    [CenterNetFact]
    public async Task Json_examples_work_and_too_few_examples_of_a_class_fail_the_job_with_the_reason()
    {
        var (client, _) = await api.NewTenantAsync();
        var flat = await Task.WhenAll(Flat.Select(PngAsync));
        var patterns = await Task.WhenAll(Patterns.Select(PngAsync));

        var thin = await client.PutAsJsonAsync("/v1/classifiers/c1", new
        {
            name = "Thin",
            examples = flat.Select(image => new { label = "flat", image }).Append(new { label = "pattern", image = patterns[0] }),
        });
        var trained = await client.PutAsJsonAsync("/v1/classifiers/c1", new
        {
            name = "Enough",
            examples = flat.Select(image => new { label = "flat", image }).Concat(patterns.Select(image => new { label = "pattern", image })),
        });
        var thinJob = await FinishedJobAsync(client, thin);
        await SucceededJobAsync(client, trained);
        var renamed = await client.PutAsJsonAsync("/v1/classifiers/c1", new { name = "Renamed" });

        thinJob.Status.Should().Be(GalleryJobStatus.Failed);
        thinJob.Problem!.Errors!["examples"].Should().ContainSingle().Which.Should().Contain("'pattern' (1)");
        renamed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await renamed.Content.ReadFromJsonAsync<ClassifierView>()).Should().BeEquivalentTo(new { Name = "Renamed", Classes = new[] { "flat", "pattern" } });
    }

    [CenterNetFact]
    public async Task Incomplete_multipart_examples_are_refused()
    {
        var (client, _) = await api.NewTenantAsync();
        var image = await PngAsync(Flat[0]);

        var response = await client.PutAsync("/v1/classifiers/c1", Form(("name", "Half"), ("examples[0].label", "flat"), ("examples[0].image", image), ("examples[1].label", "flat")));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await FieldErrorsAsync(response, "examples")).Should().ContainSingle().Which.Should().Contain("examples[1]");
    }
}
