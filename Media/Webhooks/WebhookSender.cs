using System.Diagnostics;
using System.Net.Http.Headers;
using Glance.Media.Fetching;
using Microsoft.Extensions.Options;

namespace Glance.Media.Webhooks;

/// <summary>
/// POSTs signed payloads through the SSRF guard's own handler: every connection resolves the host itself and connects
/// only to an address the guard allows (no DNS-rebinding gap), redirects are not followed, proxies and cookies are
/// off. A fresh timestamp and signature per attempt; the body is sent as is and the answer's body is not read.
/// </summary>
public sealed class WebhookSender : IWebhookSender, IDisposable
{
    private readonly HttpClient client;
    private readonly WebhookOptions options;
    private readonly TimeProvider clock;

    public WebhookSender(SsrfGuard guard, IOptions<WebhookOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.clock = clock;
        client = new HttpClient(GuardedHttpClient.CreateHandler(guard), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", guard.Options.UserAgent);
    }

    public async Task<WebhookResponse> SendAsync(WebhookPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, post.Url) { Content = new ReadOnlyMemoryContent(post.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, post.Id);
        request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, WebhookSignature.Sign(post.Secret, post.Id, timestamp, post.Body.Span));

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(options.AttemptTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return new WebhookResponse(status, response.IsSuccessStatusCode ? null : $"HTTP {status}", Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookResponse(null, $"no answer within {options.AttemptTimeout.TotalSeconds:0.###} s", Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException e)
        {
            return new WebhookResponse(null, Describe(e), Stopwatch.GetElapsedTime(started));
        }
    }

    public void Dispose() => client.Dispose();

    /// <summary>The guard's refusal when there is one (the target now resolves to a private address), else the socket's reason.</summary>
    private static string Describe(HttpRequestException exception)
    {
        for (Exception? inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is SourceAccessDeniedException denied)
            {
                return "refused: " + denied.Message;
            }
        }

        return exception.HttpRequestError == HttpRequestError.Unknown ? exception.Message : $"{exception.HttpRequestError}: {exception.Message}";
    }
}
