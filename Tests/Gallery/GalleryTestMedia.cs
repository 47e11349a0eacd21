using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Glance.Grains.Interfaces.Gallery;
using Glance.Tests.Infrastructure;
using Glance.Media.Processes;
using Glance.Tests.Faces;

namespace Glance.Tests.Gallery;

/// <summary>Uploads for the gallery tests: real photos re-cut by ffmpeg, pictures ffmpeg generates, and request bodies.</summary>
internal static class GalleryTestMedia
{
    /// <summary>A face-api demo photo, cut to <paramref name="filter"/> and encoded as JPEG, in memory.</summary>
    public static async Task<byte[]> DemoJpegAsync(string photo, string filter)
    {
        string[] arguments =
        [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-i", Path.Combine(FaceModelFiles.DemoFolder, photo),
            "-vf", filter, "-frames:v", "1", "-c:v", "mjpeg", "-q:v", "3", "-f", "image2pipe", "pipe:1",
        ];
        var result = await ChildProcess.RunCheckedAsync(new ChildProcessRequest("ffmpeg", arguments) { Timeout = TimeSpan.FromSeconds(30) }, CancellationToken.None);
        return result.StandardOutput;
    }

    /// <summary>A picture made by a lavfi graph, encoded as PNG.</summary>
    public static Task<byte[]> PngAsync(string lavfiGraph) => Text.TestMedia.PngAsync(lavfiGraph);

    /// <summary>Where the blonde woman on the right of sample1.jpg is, with her neighbours' faces left out.</summary>
    public const string BlondeCrop = "crop=700:700:1220:0";

    /// <summary>The blonde woman on the right of sample1.jpg, cut out with her neighbours left out.</summary>
    public static Task<byte[]> BlondeFromSample1Async() => DemoJpegAsync("sample1.jpg", BlondeCrop);

    /// <summary>The logo tests' station logo ("GTV SPORTS", 150x60), rendered by ffmpeg as PNG.</summary>
    public static Task<byte[]> LogoPngAsync() => PngAsync(Logos.LogoDetectorTests.LogoGraph);

    public static MultipartFormDataContent Form(params (string Name, object Value)[] parts)
    {
        var form = new MultipartFormDataContent();
        var file = 0;
        foreach (var (name, value) in parts)
        {
            if (value is byte[] bytes)
            {
                var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                form.Add(content, name, $"upload{file++}.bin");
            }
            else
            {
                form.Add(new StringContent(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!), name);
            }
        }

        return form;
    }

    /// <summary>The API's JSON: camelCase, enums as camelCase strings.</summary>
    public static JsonSerializerOptions ApiJson { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    /// <summary>Checks that an upload was accepted as a job and polls the job's Location (bounded) until it succeeded or failed.</summary>
    public static async Task<GalleryJobView> FinishedJobAsync(HttpClient client, HttpResponseMessage accepted)
    {
        accepted.StatusCode.Should().Be(HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        var location = accepted.Headers.Location!;
        return await Eventually.ValueAsync(
            async () => await client.GetFromJsonAsync<GalleryJobView>(location, ApiJson) is { Status: GalleryJobStatus.Succeeded or GalleryJobStatus.Failed } job ? job : null,
            $"the job at {location} finishes",
            TimeSpan.FromSeconds(120));
    }

    /// <summary>Like <see cref="FinishedJobAsync"/>, and checks that the job succeeded.</summary>
    public static async Task<GalleryJobView> SucceededJobAsync(HttpClient client, HttpResponseMessage accepted)
    {
        var job = await FinishedJobAsync(client, accepted);
        job.Status.Should().Be(GalleryJobStatus.Succeeded, job.Problem?.Detail);
        return job;
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        // As a string: the content is buffered, so a test may look at one response's problem more than once.
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>The messages a validation problem gives for one field.</summary>
    public static async Task<IReadOnlyList<string>> FieldErrorsAsync(HttpResponseMessage response, string field)
    {
        var problem = await ProblemAsync(response);
        return problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages)
            ? [.. messages.EnumerateArray().Select(m => m.GetString()!)]
            : [];
    }
}
