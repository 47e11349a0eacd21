using System.Diagnostics.Metrics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Glance.Media.Fetching;

/// <summary>
/// Fetches playlists (as UTF-8 text) and segments (as bytes) through the SSRF guard. Each attempt has its own
/// timeout and each fetch a total deadline; timeouts, connection errors, 408, 429 and 5xx are retried with
/// exponential backoff and full jitter (Retry-After honoured up to a bound); other failures are not. Bodies are read
/// with the size cap enforced while reading. Thread-safe; hold one instance (it pools connections).
/// </summary>
public sealed partial class SourceFetcher : ISourceFetcher, IDisposable
{
    private const string PlaylistKind = "playlist";
    private const string SegmentKind = "segment";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly SsrfGuard guard;
    private readonly SourceAccessOptions options;
    private readonly GuardedHttpClient http;
    private readonly FetchMetrics metrics;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    /// <param name="logger">Failed fetches are logged here at Warning, inside the caller's scope (which names the event).</param>
    public SourceFetcher(SsrfGuard guard, FetchMetrics metrics, TimeProvider? timeProvider = null, ILogger<SourceFetcher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(metrics);
        this.guard = guard;
        options = guard.Options;
        http = new GuardedHttpClient(guard);
        this.metrics = metrics;
        time = timeProvider ?? TimeProvider.System;
        this.logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public async Task<FetchedPlaylist> FetchPlaylistAsync(Uri source, CancellationToken cancellationToken)
    {
        var request = new FetchRequest(PlaylistKind, source, null, options.MaxPlaylistBytes, nameof(options.MaxPlaylistBytes), options.PlaylistRequestTimeout, options.PlaylistDeadline);
        var body = await FetchAsync(request, DecodePlaylist, cancellationToken).ConfigureAwait(false);
        return new FetchedPlaylist(source, body.FinalUrl, body.Text!, body.Attempts);
    }

    public async Task<FetchedSegment> FetchSegmentAsync(Uri source, FetchRange? range, CancellationToken cancellationToken)
    {
        if (range is { } r && (r.Offset < 0 || r.Length <= 0 || r.Offset > long.MaxValue - r.Length))
        {
            throw new ArgumentOutOfRangeException(nameof(range), range, "A byte range needs a non-negative offset and a positive length.");
        }

        var request = new FetchRequest(SegmentKind, source, range, options.MaxSegmentBytes, nameof(options.MaxSegmentBytes), options.SegmentRequestTimeout, options.SegmentDeadline);
        var body = await FetchAsync(request, static (_, _, _) => null, cancellationToken).ConfigureAwait(false);
        return new FetchedSegment(source, body.FinalUrl, body.Bytes, range, body.Attempts);
    }

    public void Dispose()
    {
        http.Dispose();
    }

    private async Task<Body> FetchAsync(FetchRequest request, Func<FetchRequest, byte[], int, string?> decode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request.Source);
        var started = time.GetTimestamp();
        using var deadline = new CancellationTokenSource(request.Deadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var body = await AttemptAsync(request, attempt, linked.Token, deadline.Token, cancellationToken).ConfigureAwait(false);
                body = body with { Text = decode(request, body.Bytes, attempt) };
                metrics.Attempt(request.Kind, FetchMetrics.Outcome(null), null);
                metrics.Completed(request.Kind, FetchMetrics.Outcome(null), time.GetElapsedTime(started), body.Bytes.LongLength);
                return body;
            }
            catch (SourceFetchException failure)
            {
                metrics.Attempt(request.Kind, FetchMetrics.Outcome(failure.Reason), failure.StatusCode);
                var delay = failure.RetryAfter ?? Backoff(attempt);
                var remaining = request.Deadline - time.GetElapsedTime(started);
                if (!failure.IsTransient || attempt >= options.MaxAttempts || delay >= remaining)
                {
                    GaveUp(request, failure, started);
                    throw;
                }

                try
                {
                    await Task.Delay(delay, time, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The deadline passed during the backoff: the last failure says more than the deadline does.
                    GaveUp(request, failure, started);
                    ExceptionDispatchInfo.Throw(failure);
                }
            }
        }
    }

    private void GaveUp(FetchRequest request, SourceFetchException failure, long started)
    {
        metrics.Completed(request.Kind, FetchMetrics.Outcome(failure.Reason), time.GetElapsedTime(started), 0);
        LogFetchFailed(logger, request.Kind, Describe(request.Source), failure.Attempts, FetchMetrics.Outcome(failure.Reason), failure.Message);
    }

    private async Task<Body> AttemptAsync(FetchRequest request, int attempt, CancellationToken fetchToken, CancellationToken deadlineToken, CancellationToken callerToken)
    {
        using var timeout = new CancellationTokenSource(request.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(fetchToken, timeout.Token);
        try
        {
            return request.Source.IsFile
                ? await ReadFileAsync(request, attempt, linked.Token).ConfigureAwait(false)
                : await ReadHttpAsync(request, attempt, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!callerToken.IsCancellationRequested)
        {
            var gaveUp = deadlineToken.IsCancellationRequested;
            var message = gaveUp
                ? $"The {request.Kind} at {Describe(request.Source)} could not be fetched within {Seconds(request.Deadline)}"
                : $"The {request.Kind} request to {Describe(request.Source)} timed out after {Seconds(request.Timeout)}";
            throw new SourceFetchException(SourceFetchFailure.Timeout, request.Source, message + ".", attempt, inner: e) { IsTransient = !gaveUp };
        }
        catch (SourceAccessDeniedException e)
        {
            throw new SourceFetchException(SourceFetchFailure.Denied, request.Source, e.Message, attempt, inner: e);
        }
        catch (HttpRequestException e) when (e.InnerException is TimeoutException)
        {
            throw new SourceFetchException(
                SourceFetchFailure.Timeout, request.Source, $"The {request.Kind} request to {Describe(request.Source)} timed out: {e.Message}", attempt, inner: e)
            { IsTransient = true };
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException && request.Source is { IsFile: false })
        {
            throw new SourceFetchException(
                SourceFetchFailure.Network, request.Source, $"The {request.Kind} at {Describe(request.Source)} could not be fetched: {NetworkMessage(e)}", attempt, inner: e)
            { IsTransient = true };
        }
    }

    private async Task<Body> ReadHttpAsync(FetchRequest request, int attempt, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(request.Source, message =>
        {
            message.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity"));
            if (request.Range is { } range)
            {
                message.Headers.Range = new RangeHeaderValue(range.Offset, range.LastByte);
            }
        }, cancellationToken).ConfigureAwait(false);
        var finalUrl = response.RequestMessage?.RequestUri ?? request.Source;
        var status = (int)response.StatusCode;
        if (status is < 200 or > 299)
        {
            throw new SourceFetchException(
                SourceFetchFailure.HttpStatus,
                request.Source,
                $"The server answered HTTP {status}{(response.ReasonPhrase is { Length: > 0 } phrase ? " " + phrase : string.Empty)} for the {request.Kind} at {Describe(request.Source)}.",
                attempt,
                status)
            {
                IsTransient = status is 408 or 429 or >= 500,
                RetryAfter = RetryAfter(response),
            };
        }

        var content = response.Content;
        var encodings = content.Headers.ContentEncoding.Where(e => !e.Equals("identity", StringComparison.OrdinalIgnoreCase)).ToArray();
        var bytes = request.Range is { } requested
            ? await ReadRangeAsync(request, requested, response, encodings, attempt, cancellationToken).ConfigureAwait(false)
            : await ReadWholeAsync(request, content, encodings, attempt, cancellationToken).ConfigureAwait(false);
        return new Body(finalUrl, bytes, attempt);
    }

    private async Task<byte[]> ReadWholeAsync(FetchRequest request, HttpContent content, string[] encodings, int attempt, CancellationToken cancellationToken)
    {
        if (encodings.Length == 0 && content.Headers.ContentLength > request.Cap)
        {
            throw TooLarge(request, attempt, content.Headers.ContentLength);
        }

        var wire = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var decoded = Decode(request, wire, encodings, attempt);
        try
        {
            return await BoundedBody.ReadToEndAsync(decoded, request.Cap, cancellationToken).ConfigureAwait(false) ?? throw TooLarge(request, attempt, null);
        }
        catch (InvalidDataException e)
        {
            throw Invalid(request, attempt, $"its {string.Join(", ", encodings)} encoding is corrupt ({e.Message})", e);
        }
    }

    private async Task<byte[]> ReadRangeAsync(
        FetchRequest request, FetchRange range, HttpResponseMessage response, string[] encodings, int attempt, CancellationToken cancellationToken)
    {
        if (encodings.Length > 0)
        {
            throw Invalid(request, attempt, $"a byte range came back with content encoding {string.Join(", ", encodings)}", null);
        }

        var content = response.Content;
        var length = content.Headers.ContentLength;
        await using var wire = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.PartialContent)
        {
            var returned = content.Headers.ContentRange;
            if (returned is null || !"bytes".Equals(returned.Unit, StringComparison.OrdinalIgnoreCase) || returned.From != range.Offset || returned.To != range.LastByte)
            {
                throw Invalid(request, attempt, $"the server returned {returned?.ToString() ?? "no Content-Range"} for bytes {range.Offset}-{range.LastByte}", null);
            }

            if (range.Length > request.Cap)
            {
                throw TooLarge(request, attempt, range.Length);
            }

            return await BoundedBody.ReadExactlyAsync(wire, range.Length, cancellationToken).ConfigureAwait(false)
                ?? throw Truncated(request, attempt);
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Invalid(request, attempt, $"the server answered {(int)response.StatusCode} to a byte range request", null);
        }

        // The server ignored Range and sends the whole resource: skip to the range and stop after it. Everything up
        // to the range's end counts against the cap, because it all crosses the wire.
        if (range.Offset + range.Length > request.Cap)
        {
            throw TooLarge(request, attempt, range.Offset + range.Length);
        }

        if (length < range.Offset + range.Length)
        {
            throw Invalid(request, attempt, $"the resource has {length} bytes, fewer than the requested range {range.Offset}-{range.LastByte} needs", null);
        }

        if (!await BoundedBody.SkipAsync(wire, range.Offset, cancellationToken).ConfigureAwait(false))
        {
            throw Truncated(request, attempt);
        }

        return await BoundedBody.ReadExactlyAsync(wire, range.Length, cancellationToken).ConfigureAwait(false)
            ?? throw Truncated(request, attempt);
    }

    private async Task<Body> ReadFileAsync(FetchRequest request, int attempt, CancellationToken cancellationToken)
    {
        var path = guard.ResolveFileSource(request.Source);
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            FileSourcePolicy.EnsureOpenedAsResolved(file.SafeFileHandle, path);
            byte[]? bytes;
            if (request.Range is { } range)
            {
                if (range.Length > request.Cap)
                {
                    throw TooLarge(request, attempt, range.Length);
                }

                if (file.Length < range.Offset + range.Length)
                {
                    throw Invalid(request, attempt, $"the file has {file.Length} bytes, fewer than the requested range {range.Offset}-{range.LastByte} needs", null);
                }

                file.Seek(range.Offset, SeekOrigin.Begin);
                bytes = await BoundedBody.ReadExactlyAsync(file, range.Length, cancellationToken).ConfigureAwait(false) ?? throw Truncated(request, attempt);
            }
            else
            {
                if (file.Length > request.Cap)
                {
                    throw TooLarge(request, attempt, file.Length);
                }

                bytes = await BoundedBody.ReadToEndAsync(file, request.Cap, cancellationToken).ConfigureAwait(false) ?? throw TooLarge(request, attempt, null);
            }

            return new Body(request.Source, bytes, attempt);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SourceFetchException(SourceFetchFailure.FileError, request.Source, $"The {request.Kind} file {Describe(request.Source)} cannot be read: {e.Message}", attempt, inner: e);
        }
    }

    private static string? DecodePlaylist(FetchRequest request, byte[] bytes, int attempt)
    {
        var text = bytes.AsSpan();
        if (text.StartsWith("\uFEFF"u8))
        {
            text = text[3..];
        }

        try
        {
            return StrictUtf8.GetString(text);
        }
        catch (DecoderFallbackException e)
        {
            throw new SourceFetchException(
                SourceFetchFailure.InvalidContent,
                request.Source,
                $"The playlist at {Describe(request.Source)} is not UTF-8 text{(e.Index >= 0 ? $" (invalid byte at offset {e.Index})" : string.Empty)}.",
                attempt,
                inner: e);
        }
    }

    private static Stream Decode(FetchRequest request, Stream wire, string[] encodings, int attempt)
    {
        if (encodings.Length > 2)
        {
            throw Invalid(request, attempt, $"it is encoded {encodings.Length} times over", null);
        }

        var stream = wire;
        for (var i = encodings.Length - 1; i >= 0; i--)
        {
            stream = encodings[i].ToLowerInvariant() switch
            {
                "gzip" or "x-gzip" => new GZipStream(stream, CompressionMode.Decompress),
                "deflate" => new ZLibStream(stream, CompressionMode.Decompress),
                "br" => new BrotliStream(stream, CompressionMode.Decompress),
                var other => throw Invalid(request, attempt, $"its content encoding '{other}' is not supported", null),
            };
        }

        return stream;
    }

    private TimeSpan Backoff(int attempt)
    {
        // Full jitter: spreads the retries of many streams hitting one failing origin.
        var ceiling = Math.Min(options.RetryMaxDelay.TotalMilliseconds, options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        if (wait is not { } value)
        {
            return null;
        }

        return value < TimeSpan.Zero ? TimeSpan.Zero : value > options.MaxRetryAfter ? options.MaxRetryAfter : value;
    }

    private static SourceFetchException TooLarge(FetchRequest request, int attempt, long? size) => new(
        SourceFetchFailure.TooLarge,
        request.Source,
        $"The {request.Kind} at {Describe(request.Source)} is {(size is { } s ? $"{Size(s)}, " : string.Empty)}larger than the {Size(request.Cap)} limit ({SourceAccessOptions.SectionName}:{request.CapKey}).",
        attempt);

    private static SourceFetchException Invalid(FetchRequest request, int attempt, string what, Exception? inner) => new(
        SourceFetchFailure.InvalidContent, request.Source, $"The {request.Kind} at {Describe(request.Source)} is unusable: {what}.", attempt, inner: inner);

    private static SourceFetchException Truncated(FetchRequest request, int attempt) => new(
        SourceFetchFailure.Network, request.Source, $"The {request.Kind} at {Describe(request.Source)} ended before all its bytes arrived.", attempt)
    { IsTransient = true };

    private static string NetworkMessage(Exception e) => e switch
    {
        HttpRequestException { InnerException: SocketException socket } => socket.Message,
        HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded } => "the server did not answer with valid HTTP",
        _ => e.Message,
    };

    /// <summary>The URL without query or fragment (they may hold access tokens), for messages and logs.</summary>
    internal static string Describe(Uri url) => url.IsFile ? url.LocalPath : url.GetLeftPart(UriPartial.Path);

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.###} s";

    private static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MiB",
        >= 1024 => $"{bytes / 1024.0:0.#} KiB",
        _ => $"{bytes} bytes",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetching the {Kind} at {Source} failed after {Attempts} attempt(s) ({Outcome}): {Reason}")]
    private static partial void LogFetchFailed(ILogger logger, string kind, string source, int attempts, string outcome, string reason);

    private sealed record FetchRequest(string Kind, Uri Source, FetchRange? Range, long Cap, string CapKey, TimeSpan Timeout, TimeSpan Deadline);

    private sealed record Body(Uri FinalUrl, byte[] Bytes, int Attempts)
    {
        public string? Text { get; init; }
    }
}
