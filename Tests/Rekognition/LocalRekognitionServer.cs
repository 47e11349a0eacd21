using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Glance.Tests.Rekognition;

/// <summary>
/// A local HTTP server speaking Rekognition's JSON 1.1 wire protocol on 127.0.0.1 (a free port). It checks what the real
/// service checks first (target, content type, a complete SigV4 Authorization whose signature verifies with the test
/// credentials, X-Amz-Date, a JPEG image within the operation's size limit) and answers with the documented shapes or
/// error types. Tests script it: canned answers per operation, N failures of a given error type, a delay.
/// </summary>
public sealed partial class LocalRekognitionServer : IAsyncDisposable
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string Region = "us-east-1";
    public const int MaxImageBytes = 5 * 1024 * 1024;
    public const int MaxCustomLabelsImageBytes = 4 * 1024 * 1024;

    private static readonly HashSet<string> Operations =
        ["RecognizeCelebrities", "DetectLabels", "DetectText", "DetectCustomLabels", "DetectModerationLabels", "SearchFacesByImage"];

    private static readonly string[] RequiredSignedHeaders = ["content-type", "host", "x-amz-date", "x-amz-target"];

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, string> answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ScriptedError> failures = new();
    private readonly ConcurrentQueue<ReceivedRequest> received = new();
    private readonly CancellationTokenSource stopping = new();
    private int requestCount;
    private long delayTicks;

    private LocalRekognitionServer(WebApplication app)
    {
        this.app = app;
        app.Run(HandleAsync);
    }

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Requests that reached the server, valid or not.</summary>
    public int RequestCount => Volatile.Read(ref requestCount);

    /// <summary>Requests that passed every check, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Received => [.. received];

    /// <summary>How long to hold every request before answering (for timeout tests).</summary>
    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref delayTicks));
        set => Interlocked.Exchange(ref delayTicks, value.Ticks);
    }

    public static async Task<LocalRekognitionServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
        });
        var server = new LocalRekognitionServer(builder.Build());
        await server.app.StartAsync();
        var address = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Answers <paramref name="operation"/> with this JSON instead of the documented example.</summary>
    public void Answer(string operation, string json) => answers[operation] = json;

    /// <summary>The next <paramref name="count"/> valid requests (any operation) fail with this AWS error.</summary>
    public void FailNext(int count, string errorType, string message, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        for (var i = 0; i < count; i++)
        {
            failures.Enqueue(new ScriptedError(errorType, message, status));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref requestCount);
        var request = context.Request;
        using var bodyBuffer = new MemoryStream();
        await request.Body.CopyToAsync(bodyBuffer, context.RequestAborted);
        var body = bodyBuffer.ToArray();

        if (request.Method != "POST" || request.Path != "/")
        {
            await ErrorAsync(context, HttpStatusCode.NotFound, "UnknownOperationException", "Only POST / is served.");
            return;
        }

        var target = request.Headers["X-Amz-Target"].ToString();
        var operation = target.StartsWith("RekognitionService.", StringComparison.Ordinal) ? target["RekognitionService.".Length..] : "";
        if (!Operations.Contains(operation))
        {
            await ErrorAsync(context, HttpStatusCode.BadRequest, "UnknownOperationException", $"Unknown X-Amz-Target '{target}'.");
            return;
        }

        if (request.ContentType != "application/x-amz-json-1.1")
        {
            await ErrorAsync(context, HttpStatusCode.BadRequest, "SerializationException", $"Content-Type '{request.ContentType}' is not application/x-amz-json-1.1.");
            return;
        }

        if (CheckSignature(request, body) is { } signatureError)
        {
            await ErrorAsync(context, HttpStatusCode.Forbidden, signatureError.Type, signatureError.Message);
            return;
        }

        JsonElement json;
        byte[] image;
        try
        {
            using var document = JsonDocument.Parse(body);
            json = document.RootElement.Clone();
            image = json.GetProperty("Image").GetProperty("Bytes").GetBytesFromBase64();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            await ErrorAsync(context, HttpStatusCode.BadRequest, "SerializationException", $"Body is not a request with Image.Bytes: {e.Message}");
            return;
        }

        var limit = operation == "DetectCustomLabels" ? MaxCustomLabelsImageBytes : MaxImageBytes;
        if (image.Length > limit)
        {
            await ErrorAsync(context, HttpStatusCode.BadRequest, "ImageTooLargeException", $"Image size {image.Length} is too large; the limit is {limit}.");
            return;
        }

        if (!IsJpeg(image))
        {
            await ErrorAsync(context, HttpStatusCode.BadRequest, "InvalidImageFormatException", "Request has invalid image format");
            return;
        }

        if (MissingParameter(operation, json) is { } missing)
        {
            await ErrorAsync(context, HttpStatusCode.BadRequest, "InvalidParameterException", $"{missing} is required for {operation}.");
            return;
        }

        received.Enqueue(new ReceivedRequest(operation, json, image));
        if (Delay > TimeSpan.Zero)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
            try
            {
                await Task.Delay(Delay, linked.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (failures.TryDequeue(out var failure))
        {
            await ErrorAsync(context, failure.Status, failure.Type, failure.Message);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/x-amz-json-1.1";
        await context.Response.WriteAsync(answers.TryGetValue(operation, out var answer) ? answer : RekognitionWireExamples.For(operation), context.RequestAborted);
    }

    private static (string Type, string Message)? CheckSignature(HttpRequest request, byte[] body)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return ("MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        var match = AuthorizationPattern().Match(authorization);
        if (!match.Success)
        {
            return ("IncompleteSignatureException", $"Authorization header is not a SigV4 header: '{authorization}'.");
        }

        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (!DateTime.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return ("IncompleteSignatureException", $"X-Amz-Date '{amzDate}' is not yyyyMMddTHHmmssZ.");
        }

        if (match.Groups["date"].Value != amzDate[..8] || match.Groups["region"].Value != Region)
        {
            return ("InvalidSignatureException", $"Credential scope {match.Groups["date"].Value}/{match.Groups["region"].Value} does not match {amzDate[..8]}/{Region}.");
        }

        if ((DateTime.UtcNow - signedAt).Duration() > TimeSpan.FromMinutes(15))
        {
            return ("InvalidSignatureException", "Signature expired.");
        }

        if (match.Groups["key"].Value != AccessKey)
        {
            return ("UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        var signedNames = match.Groups["signed"].Value.Split(';');
        if (RequiredSignedHeaders.Except(signedNames).FirstOrDefault() is { } unsigned)
        {
            return ("InvalidSignatureException", $"Header '{unsigned}' must be signed.");
        }

        List<(string, string)> signed = [];
        foreach (var name in signedNames)
        {
            var value = name switch
            {
                "host" => request.Host.Value ?? "",
                "content-type" => request.ContentType ?? "",
                _ => request.Headers.TryGetValue(name, out var values) ? string.Join(',', values.Select(v => v?.Trim())) : null,
            };
            if (value is null)
            {
                return ("InvalidSignatureException", $"Signed header '{name}' is not in the request.");
            }

            signed.Add((name, value));
        }

        var expected = SigV4Reference.Signature(SecretKey, request.Method, request.Path.Value ?? "/", signed, body, amzDate, Region, "rekognition");
        return expected == match.Groups["signature"].Value
            ? null
            : ("InvalidSignatureException", "The request signature we calculated does not match the signature you provided.");
    }

    private static string? MissingParameter(string operation, JsonElement json) => operation switch
    {
        "SearchFacesByImage" when !HasString(json, "CollectionId") => "CollectionId",
        "DetectCustomLabels" when !HasString(json, "ProjectVersionArn") => "ProjectVersionArn",
        _ => null,
    };

    private static bool HasString(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0;

    private static bool IsJpeg(byte[] image) =>
        image.Length > 4 && image[0] == 0xFF && image[1] == 0xD8 && image[2] == 0xFF && image[^2] == 0xFF && image[^1] == 0xD9;

    private static async Task ErrorAsync(HttpContext context, HttpStatusCode status, string type, string message)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = type, ["Message"] = message }), context.RequestAborted);
    }

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[A-Z0-9]+)/(?<date>\d{8})/(?<region>[a-z0-9-]+)/rekognition/aws4_request, SignedHeaders=(?<signed>[a-z0-9-]+(;[a-z0-9-]+)*), Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();

    private sealed record ScriptedError(string Type, string Message, HttpStatusCode Status);

    /// <param name="Body">The request JSON as received.</param>
    /// <param name="Image">The decoded image bytes.</param>
    public sealed record ReceivedRequest(string Operation, JsonElement Body, byte[] Image);
}
