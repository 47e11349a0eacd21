using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.RateLimiting;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
namespace Glance.Detection.Rekognition;

/// <summary>
/// A thin Amazon Rekognition client: JSON 1.1 over HTTPS, SigV4-signed with AWSSDK.Core, a per-second request budget,
/// a timeout per attempt and bounded retries with jittered backoff for throttling, server errors, timeouts and network
/// failures. Other errors surface at once as <see cref="RekognitionException"/>. Thread-safe; share one per process so
/// that the budget is shared.
/// </summary>
public sealed class RekognitionClient : IDisposable
{
    private const string Service = "rekognition";
    private const string ContentType = "application/x-amz-json-1.1";

    /// <summary>Rekognition's answers are small (labels, boxes); anything far larger is not a Rekognition answer.</summary>
    private const int MaxResponseBytes = 8 * 1024 * 1024;

    private readonly HttpClient http;
    private readonly RekognitionOptions options;
    private readonly Uri endpoint;
    private readonly RateLimiter budget;
    private readonly bool ownsBudget;
    private readonly TimeProvider time;
    private readonly AWSCredentials? configuredCredentials;
    private Task<AWSCredentials>? resolvedCredentials;

    /// <param name="httpClient">Used as is; its own Timeout should be infinite or longer than the options' Timeout.</param>
    /// <param name="credentials">Null resolves AWS's default chain once (environment, profile, web identity, container, instance).</param>
    /// <param name="requestBudget">
    /// Shared with other clients, or null for a token bucket of <see cref="RekognitionOptions.MaxRequestsPerSecond"/>.
    /// Every attempt, retries included, takes one permit.
    /// </param>
    public RekognitionClient(
        HttpClient httpClient,
        IOptions<RekognitionOptions> options,
        AWSCredentials? credentials = null,
        RateLimiter? requestBudget = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var validation = new RekognitionOptionsValidator().Validate(null, settings);
        if (validation.Failed)
        {
            throw new OptionsValidationException(RekognitionOptions.SectionName, typeof(RekognitionOptions), validation.Failures);
        }

        http = httpClient;
        this.options = settings;
        endpoint = settings.Endpoint ?? new Uri($"https://rekognition.{settings.Region}.amazonaws.com/");
        time = timeProvider ?? TimeProvider.System;
        ownsBudget = requestBudget is null;
        budget = requestBudget ?? new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.MaxRequestsPerSecond,
            TokensPerPeriod = settings.MaxRequestsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            AutoReplenishment = true,
            QueueLimit = settings.MaxQueuedRequests,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        configuredCredentials = credentials;
    }

    public Uri Endpoint => endpoint;

    public Task<RecognizeCelebritiesResponse> RecognizeCelebritiesAsync(RecognizeCelebritiesRequest request, CancellationToken cancellationToken) =>
        SendAsync("RecognizeCelebrities", request, RekognitionJsonContext.Default.RecognizeCelebritiesRequest, RekognitionJsonContext.Default.RecognizeCelebritiesResponse, cancellationToken);

    public Task<DetectLabelsResponse> DetectLabelsAsync(DetectLabelsRequest request, CancellationToken cancellationToken) =>
        SendAsync("DetectLabels", request, RekognitionJsonContext.Default.DetectLabelsRequest, RekognitionJsonContext.Default.DetectLabelsResponse, cancellationToken);

    public Task<DetectTextResponse> DetectTextAsync(DetectTextRequest request, CancellationToken cancellationToken) =>
        SendAsync("DetectText", request, RekognitionJsonContext.Default.DetectTextRequest, RekognitionJsonContext.Default.DetectTextResponse, cancellationToken);

    public Task<DetectCustomLabelsResponse> DetectCustomLabelsAsync(DetectCustomLabelsRequest request, CancellationToken cancellationToken) =>
        SendAsync("DetectCustomLabels", request, RekognitionJsonContext.Default.DetectCustomLabelsRequest, RekognitionJsonContext.Default.DetectCustomLabelsResponse, cancellationToken);

    public Task<DetectModerationLabelsResponse> DetectModerationLabelsAsync(DetectModerationLabelsRequest request, CancellationToken cancellationToken) =>
        SendAsync("DetectModerationLabels", request, RekognitionJsonContext.Default.DetectModerationLabelsRequest, RekognitionJsonContext.Default.DetectModerationLabelsResponse, cancellationToken);

    public Task<SearchFacesByImageResponse> SearchFacesByImageAsync(SearchFacesByImageRequest request, CancellationToken cancellationToken) =>
        SendAsync("SearchFacesByImage", request, RekognitionJsonContext.Default.SearchFacesByImageRequest, RekognitionJsonContext.Default.SearchFacesByImageResponse, cancellationToken);

    public void Dispose()
    {
        if (ownsBudget)
        {
            budget.Dispose();
        }
    }

    private async Task<TResponse> SendAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        var identity = await ResolveCredentialsAsync(operation, cancellationToken).ConfigureAwait(false);
        var sent = 0;
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await AttemptAsync(operation, body, identity, cancellationToken).ConfigureAwait(false);
            sent += outcome.Sent ? 1 : 0;
            if (outcome.Response is { } payload)
            {
                return Deserialize(operation, payload, responseType, sent);
            }

            if (!outcome.Retryable || attempt > options.MaxRetries)
            {
                throw outcome.Error!.AfterAttempts(sent);
            }

            await Task.Delay(RetryBackoff.Delay(attempt, options.RetryBaseDelay, options.RetryMaxDelay), time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<AttemptResult> AttemptAsync(string operation, byte[] body, AWSCredentials identity, CancellationToken cancellationToken)
    {
        using (var lease = await budget.AcquireAsync(1, cancellationToken).ConfigureAwait(false))
        {
            if (!lease.IsAcquired)
            {
                var error = new RekognitionException(operation, "RequestBudgetExceeded", $"More than {options.MaxQueuedRequests} requests are already waiting for the per-second budget.", attempts: 0);
                return new AttemptResult(null, error, Retryable: false, Sent: false);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            var signing = await identity.GetCredentialsAsync().WaitAsync(timeout.Token).ConfigureAwait(false);
            using var message = BuildRequest(operation, body, signing);
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var payload = await ReadBoundedAsync(operation, response.Content, timeout.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return new AttemptResult(payload, null, Retryable: false, Sent: true);
            }

            var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
            var error = RekognitionErrorParser.Parse(operation, response.StatusCode, errorType, payload, out var retryable);
            return new AttemptResult(null, error, retryable, Sent: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var error = new RekognitionException(operation, "RequestTimeout", $"No complete answer within {options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
            return new AttemptResult(null, error, Retryable: true, Sent: true);
        }
        catch (HttpRequestException e)
        {
            var error = new RekognitionException(operation, "NetworkError", e.Message, e.StatusCode, inner: e);
            return new AttemptResult(null, error, Retryable: true, Sent: true);
        }
        catch (RekognitionException e)
        {
            // An answer too large to be Rekognition's.
            return new AttemptResult(null, e, Retryable: false, Sent: true);
        }
        catch (AmazonClientException e)
        {
            // Refreshing temporary credentials (container or instance metadata, STS) failed; often a passing hiccup.
            var error = new RekognitionException(operation, "MissingCredentials", e.Message, inner: e);
            return new AttemptResult(null, error, Retryable: true, Sent: false);
        }
    }

    private HttpRequestMessage BuildRequest(string operation, byte[] body, ImmutableCredentials signing)
    {
        var target = "RekognitionService." + operation;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = ContentType,
            ["X-Amz-Target"] = target,
        };
        var authorization = SigV4Signer.Sign("POST", endpoint, headers, body, signing, options.Region, Service, time.GetUtcNow().UtcDateTime);

        var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (name.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                message.Headers.Host = value;
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        message.Headers.TryAddWithoutValidation("Authorization", authorization);
        return message;
    }

    private async Task<AWSCredentials> ResolveCredentialsAsync(string operation, CancellationToken cancellationToken)
    {
        if (configuredCredentials is not null)
        {
            return configuredCredentials;
        }

        // Resolved once and shared; a failed resolution (no profile yet, metadata service hiccup) is retried next call.
        var resolution = Volatile.Read(ref resolvedCredentials);
        if (resolution is null || resolution.IsFaulted || resolution.IsCanceled)
        {
            var fresh = DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync();
            resolution = Interlocked.CompareExchange(ref resolvedCredentials, fresh, resolution) == resolution ? fresh : resolvedCredentials!;
        }

        try
        {
            return await resolution.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonClientException e)
        {
            throw new RekognitionException(operation, "MissingCredentials", e.Message, attempts: 0, inner: e);
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(string operation, HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxResponseBytes)
        {
            throw new RekognitionException(operation, "MalformedResponse", $"The answer announces {content.Headers.ContentLength} bytes; at most {MaxResponseBytes} are read.");
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
            {
                throw new RekognitionException(operation, "MalformedResponse", $"The answer exceeds {MaxResponseBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static TResponse Deserialize<TResponse>(string operation, byte[] payload, JsonTypeInfo<TResponse> responseType, int attempts)
    {
        try
        {
            return JsonSerializer.Deserialize(payload, responseType)
                ?? throw new RekognitionException(operation, "MalformedResponse", "The answer is JSON null.", attempts: attempts);
        }
        catch (JsonException e)
        {
            throw new RekognitionException(operation, "MalformedResponse", $"The answer is not the documented JSON: {e.Message}", attempts: attempts, inner: e);
        }
    }

    private sealed record AttemptResult(byte[]? Response, RekognitionException? Error, bool Retryable, bool Sent);
}
