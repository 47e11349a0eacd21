using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Glance.Media.Fetching;
using Glance.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Fetching;

/// <summary>
/// The fetcher against real Kestrel servers on 127.0.0.1, which the tests allow-list as if it were public (the
/// an operator may for a network of their own). Assertions are on request counts and reasons, never on time.
/// </summary>
public sealed class SourceFetcherTests
{
    private const string Playlist = "#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6.0,\nsegment0.ts\n";
    private const long Huge = 200L * 1024 * 1024;

    internal static SourceAccessOptions FastOptions(Action<SourceAccessOptions>? change = null)
    {
        var options = new SourceAccessOptions
        {
            AllowedNetworks = ["127.0.0.1/32"],
            MaxAttempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(5),
            MaxRetryAfter = TimeSpan.FromMilliseconds(20),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PlaylistRequestTimeout = TimeSpan.FromSeconds(10),
            SegmentRequestTimeout = TimeSpan.FromSeconds(10),
            PlaylistDeadline = TimeSpan.FromSeconds(30),
            SegmentDeadline = TimeSpan.FromSeconds(30),
            MaxPlaylistBytes = 64 * 1024,
            MaxSegmentBytes = 1024 * 1024,
        };
        change?.Invoke(options);
        return options;
    }

    internal static SourceFetcher Fetcher(SourceAccessOptions? options = null, IHostResolver? resolver = null, IMeterFactory? meters = null, TimeProvider? time = null)
    {
        var wrapped = Options.Create(options ?? FastOptions());
        return new SourceFetcher(new SsrfGuard(wrapped, resolver ?? new DnsHostResolver(wrapped)), TestMeters.Fetch(meters), time);
    }

    private static Task Text(HttpContext context, string text, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/vnd.apple.mpegurl";
        return context.Response.WriteAsync(text);
    }

    private static Task Redirect(HttpContext context, string location, int status = 302)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    private static byte[] Pattern(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 31 + 7))];

    // ---- access ----

    [Fact]
    public async Task Fetches_a_playlist_from_an_allow_listed_loopback_server_with_a_clear_user_agent()
    {
        await using var server = await LoopbackHttpServer.StartAsync((context, _) => Text(context, Playlist));
        using var fetcher = Fetcher();

        var result = await fetcher.FetchPlaylistAsync(server.Url("/live.m3u8?token=secret"), CancellationToken.None);

        result.Text.Should().Be(Playlist);
        result.Attempts.Should().Be(1);
        result.FinalUrl.Should().Be(server.Url("/live.m3u8?token=secret"));
        var request = server.Received.Single();
        request.UserAgent.Should().Be("Glance/1.0 (+live video intelligence)");
        request.AcceptEncoding.Should().Be("identity");
    }

    [Fact]
    public async Task Loopback_is_refused_when_not_allow_listed_and_the_server_is_never_contacted()
    {
        await using var server = await LoopbackHttpServer.StartAsync((context, _) => Text(context, Playlist));
        using var fetcher = Fetcher(FastOptions(o => o.AllowedNetworks = []));

        var act = () => fetcher.FetchPlaylistAsync(server.Url("/live.m3u8"), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceFetchException>()).Which;
        failure.Reason.Should().Be(SourceFetchFailure.Denied);
        failure.Denial!.Reason.Should().Be(SourceAccessDeniedReason.LoopbackAddress);
        failure.Attempts.Should().Be(1);
        server.TotalRequests.Should().Be(0);
    }

    [Fact]
    public async Task A_host_name_resolving_to_an_allow_listed_address_is_fetched()
    {
        await using var server = await LoopbackHttpServer.StartAsync((context, _) => Text(context, Playlist));
        var resolver = new StaticHostResolver().Add("demo.glance.test", "127.0.0.1");
        using var fetcher = Fetcher(resolver: resolver);

        var result = await fetcher.FetchPlaylistAsync(new Uri($"http://demo.glance.test:{server.Port}/live.m3u8"), CancellationToken.None);

        result.Text.Should().Be(Playlist);
        resolver.CallsFor("demo.glance.test").Should().Be(1);
    }

    [Fact]
    public async Task An_ipv4_mapped_literal_is_judged_and_connected_as_its_ipv4_address()
    {
        await using var server = await LoopbackHttpServer.StartAsync((context, _) => Text(context, Playlist));
        using var fetcher = Fetcher();

        var result = await fetcher.FetchPlaylistAsync(new Uri($"http://[::ffff:127.0.0.1]:{server.Port}/live.m3u8"), CancellationToken.None);

        result.Text.Should().Be(Playlist);
        using var refusing = Fetcher(FastOptions(o => o.AllowedNetworks = []));
        var act = () => refusing.FetchPlaylistAsync(new Uri($"http://[::ffff:127.0.0.1]:{server.Port}/live.m3u8"), CancellationToken.None);
        (await act.Should().ThrowAsync<SourceFetchException>()).Which.Denial!.Reason.Should().Be(SourceAccessDeniedReason.LoopbackAddress);
        server.TotalRequests.Should().Be(1);
    }

    [Fact]
    public async Task Dns_rebinding_after_validation_is_refused_at_connect_time()
    {
        await using var server = await LoopbackHttpServer.StartAsync((context, _) => Text(context, Playlist));
        var resolver = new StaticHostResolver().AddSequence("rebind.example.com", ["93.184.216.34"], ["127.0.0.1"]);
        var options = Options.Create(FastOptions(o => o.AllowedNetworks = []));
        var guard = new SsrfGuard(options, resolver);
        using var fetcher = new SourceFetcher(guard, TestMeters.Fetch());
        var source = new Uri($"http://rebind.example.com:{server.Port}/live.m3u8");

        await guard.ValidateSourceAsync(source, CancellationToken.None);
        var act = () => fetcher.FetchPlaylistAsync(source, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceFetchException>()).Which;
        failure.Reason.Should().Be(SourceFetchFailure.Denied);
        failure.Denial!.Reason.Should().Be(SourceAccessDeniedReason.LoopbackAddress);
        failure.Message.Should().Contain("rebind.example.com resolves to 127.0.0.1");
        resolver.CallsFor("rebind.example.com").Should().Be(2);
        server.TotalRequests.Should().Be(0);
    }

    [Theory]
    [InlineData("http://127.0.0.2:{port}/live.m3u8", SourceAccessDeniedReason.LoopbackAddress)]
    [InlineData("http://10.9.8.7/live.m3u8", SourceAccessDeniedReason.PrivateAddress)]
    [InlineData("http://[::1]:{port}/live.m3u8", SourceAccessDeniedReason.LoopbackAddress)]
    [InlineData("http://169.254.169.254/latest/meta-data/iam/security-credentials/", SourceAccessDeniedReason.Metadata)]
    [InlineData("http://internal.example.com:{port}/live.m3u8", SourceAccessDeniedReason.PrivateAddress)]
    [InlineData("file:///etc/passwd", SourceAccessDeniedReason.Scheme)]
    [InlineData("gopher://127.0.0.1:{port}/", SourceAccessDeniedReason.Scheme)]
    public async Task A_redirect_from_an_allowed_source_to_an_inward_address_is_refused(string target, SourceAccessDeniedReason reason)
    {
        await using var server = await LoopbackHttpServer.StartAsync((context, _) => Redirect(context, target.Replace("{port}", context.Request.Host.Port.ToString())));
        var resolver = new StaticHostResolver().Add("internal.example.com", "10.0.0.8");
        // Link-local is allow-listed too: the metadata address must stay refused regardless.
        using var fetcher = Fetcher(FastOptions(o => o.AllowedNetworks = ["127.0.0.1/32", "169.254.0.0/16"]), resolver);

        var act = () => fetcher.FetchPlaylistAsync(server.Url("/redirect.m3u8"), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceFetchException>()).Which;
        failure.Reason.Should().Be(SourceFetchFailure.Denied);
        failure.Denial!.Reason.Should().Be(reason);
        failure.Attempts.Should().Be(1, "a refusal is not retried");
        server.RequestsTo("/redirect.m3u8").Should().Be(1);
    }

    [Fact]
    public async Task A_redirect_refused_at_connect_time_names_the_redirect_target()
    {
        await using var server = await LoopbackHttpServer.StartAsync((context, _) => Redirect(context, $"http://internal.example.com:{context.Request.Host.Port}/x.m3u8"));
        using var fetcher = Fetcher(resolver: new StaticHostResolver().Add("internal.example.com", "10.0.0.8"));

        var act = () => fetcher.FetchPlaylistAsync(server.Url("/a.m3u8"), CancellationToken.None);

        (await act.Should().ThrowAsync<SourceFetchException>()).WithMessage("The redirect target host internal.example.com resolves to 10.0.0.8, a private network address*");
    }

    [Fact]
    public async Task Redirects_within_the_limit_are_followed_and_the_final_url_is_reported()
    {
        await using var server = await LoopbackHttpServer.StartAsync((context, _) => context.Request.Path.Value switch
        {
            "/a/master.m3u8" => Redirect(context, "../b/moved.m3u8", 301),
            "/b/moved.m3u8" => Redirect(context, "/c/final.m3u8", 307),
            _ => Text(context, Playlist),
        });
        using var fetcher = Fetcher();

        var result = await fetcher.FetchPlaylistAsync(server.Url("/a/master.m3u8"), CancellationToken.None);

        result.Text.Should().Be(Playlist);
        result.FinalUrl.Should().Be(server.Url("/c/final.m3u8"));
        result.Source.Should().Be(server.Url("/a/master.m3u8"));
        server.TotalRequests.Should().Be(3);
    }

    [Fact]
    public async Task A_redirect_loop_stops_at_the_redirect_limit()
    {
        await using var server = await LoopbackHttpServer.StartAsync((context, _) => Redirect(context, "/loop.m3u8"));
        using var fetcher = Fetcher(FastOptions(o => o.MaxRedirects = 4));

        var act = () => fetcher.FetchPlaylistAsync(server.Url("/loop.m3u8"), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceFetchException>()).Which;
        failure.Reason.Should().Be(SourceFetchFailure.Denied);
        failure.Denial!.Reason.Should().Be(SourceAccessDeniedReason.TooManyRedirects);
        server.RequestsTo("/loop.m3u8").Should().Be(5);
    }

    // ---- retries ----

    [Fact]
    public async Task Two_server_errors_then_success_takes_three_requests()
    {
        await using var server = await LoopbackHttpServer.StartAsync((context, n) => n <= 2 ? Text(context, "oops", 500) : Text(context, Playlist));
        using var fetcher = Fetcher();

        var result = await fetcher.FetchPlaylistAsync(server.Url("/live.m3u8"), CancellationToken.None);

        result.Text.Should().Be(Playlist);
        result.Attempts.Should().Be(3);
        server.RequestsTo("/live.m3u8").Should().Be(3);
    }

    [Fact]
    public async Task Not_found_is_not_retried()
    {
        await using var server = await LoopbackHttpServer.StartAsync((context, _) => Text(context, "no", 404));
        using var fetcher = Fetcher();

        var act = () => fetcher.FetchPlaylistAsync(server.Url("/gone.m3u8?token=secret"), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceFetchException>()).Which;
        failure.Reason.Should().Be(SourceFetchFailure.HttpStatus);
        failure.StatusCode.Should().Be(404);
        failure.Attempts.Should().Be(1);
        failure.Message.Should().Contain("HTTP 404").And.NotContain("secret");
        server.RequestsTo("/gone.m3u8").Should().Be(1);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(408)]
    [InlineData(429)]
    public async Task Retryable_statuses_are_retried_up_to_the_attempt_limit(int status)
    {
        await using var server = await LoopbackHttpServer.StartAsync((context, _) => Text(context, "busy", status));
        using var fetcher = Fetcher();

        var act = () => fetcher.FetchSegmentAsync(server.Url("/seg.ts"), null, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceFetchException>()).Which;
        failure.Reason.Should().Be(SourceFetchFailure.HttpStatus);
        failure.StatusCode.Should().Be(status);
        failure.Attempts.Should().Be(3);
        server.RequestsTo("/seg.ts").Should().Be(3);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Retry_after_is_honoured_up_to_its_bound(bool asDate)
    {
        await using var server = await LoopbackHttpServer.StartAsync((context, n) =>
        {
            if (n > 1)
            {
                return Text(context, Playlist);
            }

            context.Response.Headers.RetryAfter = asDate ? DateTimeOffset.UtcNow.AddHours(1).ToString("R") : "120";
            return Text(context, "slow down", 429);
        });
        var time = new RecordingTimeProvider();
        // A backoff of up to ten seconds would be drawn if Retry-After were ignored.
        using var fetcher = Fetcher(
            FastOptions(o => (o.RetryBaseDelay, o.RetryMaxDelay, o.MaxRetryAfter) = (TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(30))),
            time: time);

        var result = await fetcher.FetchPlaylistAsync(server.Url("/live.m3u8"), CancellationToken.None);

        result.Attempts.Should().Be(2);
        time.DueTimes.Should().Contain(TimeSpan.FromMilliseconds(30));
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_each_attempt_then_fails_with_timeout()
    {
        // Raw TCP: connections wait in the accept queue, so every attempt is counted even if it timed out first.
        await using var server = new RawTcpServer(async (stream, cancel) =>
        {
            await RawTcpServer.ReadRequestHeadAsync(stream, cancel);
            await RawTcpServer.WaitForCloseAsync(stream, cancel);
        });
        using var fetcher = Fetcher(FastOptions(o => o.PlaylistRequestTimeout = TimeSpan.FromMilliseconds(150)));

        var act = () => fetcher.FetchPlaylistAsync(server.Url("/stuck.m3u8"), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceFetchException>()).Which;
        failure.Reason.Should().Be(SourceFetchFailure.Timeout);
        failure.Attempts.Should().Be(3);
        await Eventually.TrueAsync(() => server.Connections == 3, "each attempt opened a connection");
        server.Connections.Should().Be(3);
    }

    [Fact]
    public async Task A_body_that_stalls_midway_times_out()
    {
        await using var server = new RawTcpServer(async (stream, cancel) =>
        {
            await RawTcpServer.ReadRequestHeadAsync(stream, cancel);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"), cancel);
            await stream.WriteAsync(new byte[1000], cancel);
            await RawTcpServer.WaitForCloseAsync(stream, cancel);
        });
        using var fetcher = Fetcher(FastOptions(o => (o.SegmentRequestTimeout, o.MaxAttempts) = (TimeSpan.FromMilliseconds(200), 2)));

        var act = () => fetcher.FetchSegmentAsync(server.Url("/stall.ts"), null, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceFetchException>()).Which;
        failure.Reason.Should().Be(SourceFetchFailure.Timeout);
        failure.Attempts.Should().Be(2);
        await Eventually.TrueAsync(() => server.Connections == 2, "each attempt opened a connection");
    }

    [Fact]
    public async Task The_total_deadline_ends_retries_early()
    {
        await using var server = await LoopbackHttpServer.StartAsync((context, _) => Task.Delay(Timeout.Infinite, context.RequestAborted));
        using var fetcher = Fetcher(FastOptions(o =>
            (o.PlaylistRequestTimeout, o.PlaylistDeadline, o.MaxAttempts) = (TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(250), 10)));

        var act = () => fetcher.FetchPlaylistAsync(server.Url("/stuck.m3u8"), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceFetchException>()).Which;
        failure.Reason.Should().Be(SourceFetchFailure.Timeout);
        failure.Attempts.Should().BeLessThan(10);
        server.RequestsTo("/stuck.m3u8").Should().BeLessThan(10);
    }

    [Fact]
    public async Task A_server_speaking_garbage_instead_of_http_is_a_network_failure_retried_a_bounded_number_of_times()
    {
        await using var server = new RawTcpServer(async (stream, cancel) =>
        {
            await RawTcpServer.ReadRequestHeadAsync(stream, cancel);
            await stream.WriteAsync("\u0001\u0002garbage, not HTTP at all\r\n\r\n"u8.ToArray(), cancel);
        });
        using var fetcher = Fetcher();

        var act = () => fetcher.FetchPlaylistAsync(server.Url("/live.m3u8"), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceFetchException>()).Which;
        failure.Reason.Should().Be(SourceFetchFailure.Network);
        failure.Attempts.Should().Be(3);
        server.Connections.Should().Be(3);
    }

    [Fact]
    public async Task A_refused_connection_is_a_network_failure()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var fetcher = Fetcher();

        var act = () => fetcher.FetchSegmentAsync(new Uri($"http://127.0.0.1:{port}/seg.ts"), null, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceFetchException>()).Which;
        failure.Reason.Should().Be(SourceFetchFailure.Network);
        failure.Attempts.Should().Be(3);
        failure.InnerException.Should().BeAssignableTo<HttpRequestException>();
    }

    [Fact]
    public async Task Caller_cancellation_is_an_operation_canceled_exception_not_a_fetch_failure()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackHttpServer.StartAsync((context, _) =>
        {
            started.TrySetResult();
            return Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        using var fetcher = Fetcher();
        using var cancel = new CancellationTokenSource();

        var fetch = fetcher.FetchPlaylistAsync(server.Url("/live.m3u8"), cancel.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        cancel.Cancel();

        await fetch.Invoking(f => f).Should().ThrowAsync<OperationCanceledException>();
        server.RequestsTo("/live.m3u8").Should().Be(1);
    }

    // ---- size caps and content ----

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_oversized_body_is_refused_without_being_read_to_the_end(bool announceLength)
    {
        // A raw server, because Kestrel accepts writes after the client has gone; a socket's sends fail instead.
        long sent = 0;
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new RawTcpServer(async (stream, cancel) =>
        {
            try
            {
                await RawTcpServer.ReadRequestHeadAsync(stream, cancel);
                var head = announceLength ? $"HTTP/1.1 200 OK\r\nContent-Length: {Huge}\r\n\r\n" : "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancel);
                var chunk = new byte[64 * 1024];
                var chunkHead = Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n");
                while (Interlocked.Read(ref sent) < Huge)
                {
                    if (!announceLength)
                    {
                        await stream.WriteAsync(chunkHead, cancel);
                    }

                    await stream.WriteAsync(chunk, cancel);
                    if (!announceLength)
                    {
                        await stream.WriteAsync("\r\n"u8.ToArray(), cancel);
                    }

                    Interlocked.Add(ref sent, chunk.Length);
                }
            }
            finally
            {
                finished.TrySetResult();
            }
        });
        using var fetcher = Fetcher();

        var act = () => fetcher.FetchSegmentAsync(server.Url("/huge.ts"), null, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceFetchException>()).Which;
        failure.Reason.Should().Be(SourceFetchFailure.TooLarge);
        failure.Attempts.Should().Be(1);
        failure.Message.Should().Contain("Ingest:MaxSegmentBytes");
        await finished.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Interlocked.Read(ref sent).Should().BeLessThan(Huge / 4, "the client stopped reading at the cap and closed the connection");
    }

    [Fact]
    public async Task A_compressed_playlist_is_decoded_even_though_identity_was_asked_for()
    {
        await using var server = await LoopbackHttpServer.StartAsync(async (context, _) =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(Gzip(Encoding.UTF8.GetBytes(Playlist)));
        });
        using var fetcher = Fetcher();

        var result = await fetcher.FetchPlaylistAsync(server.Url("/live.m3u8"), CancellationToken.None);

        result.Text.Should().Be(Playlist);
    }

    [Fact]
    public async Task A_decompression_bomb_stops_at_the_cap()
    {
        var bomb = Gzip(new byte[32 * 1024 * 1024]);
        await using var server = await LoopbackHttpServer.StartAsync(async (context, _) =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentLength = bomb.Length;
            await context.Response.Body.WriteAsync(bomb);
        });
        using var fetcher = Fetcher();

        var act = () => fetcher.FetchPlaylistAsync(server.Url("/bomb.m3u8"), CancellationToken.None);

        (await act.Should().ThrowAsync<SourceFetchException>()).Which.Reason.Should().Be(SourceFetchFailure.TooLarge);
        bomb.Length.Should().BeLessThan(64 * 1024, "the compressed body itself is under the playlist cap");
    }

    [Fact]
    public async Task A_playlist_that_is_not_utf8_is_invalid_content_and_not_retried()
    {
        await using var server = await LoopbackHttpServer.StartAsync((context, _) => context.Response.Body.WriteAsync(new byte[] { 0x23, 0x45, 0xff, 0xfe, 0x00, 0xc3 }).AsTask());
        using var fetcher = Fetcher();

        var act = () => fetcher.FetchPlaylistAsync(server.Url("/binary.m3u8"), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceFetchException>()).Which;
        failure.Reason.Should().Be(SourceFetchFailure.InvalidContent);
        failure.Message.Should().Contain("not UTF-8");
        server.RequestsTo("/binary.m3u8").Should().Be(1);
    }

    [Fact]
    public async Task A_byte_order_mark_is_dropped_from_a_playlist()
    {
        await using var server = await LoopbackHttpServer.StartAsync((context, _) => context.Response.Body.WriteAsync(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Playlist)).ToArray()).AsTask());
        using var fetcher = Fetcher();

        (await fetcher.FetchPlaylistAsync(server.Url("/bom.m3u8"), CancellationToken.None)).Text.Should().Be(Playlist);
    }

    [Fact]
    public async Task Garbage_segment_bytes_are_returned_as_they_came()
    {
        var garbage = new byte[300_000];
        new Random(42).NextBytes(garbage);
        await using var server = await LoopbackHttpServer.StartAsync((context, _) => context.Response.Body.WriteAsync(garbage).AsTask());
        using var fetcher = Fetcher();

        var segment = await fetcher.FetchSegmentAsync(server.Url("/seg.ts"), null, CancellationToken.None);

        segment.Bytes.Should().Equal(garbage);
    }

    // ---- byte ranges ----

    [Fact]
    public async Task A_byte_range_is_requested_with_a_range_header_and_a_206_is_checked_and_returned()
    {
        var resource = Pattern(10_000);
        await using var server = await LoopbackHttpServer.StartAsync(ServeRanges(resource, honourRange: true));
        using var fetcher = Fetcher();

        var segment = await fetcher.FetchSegmentAsync(server.Url("/single.mp4"), new FetchRange(100, 200), CancellationToken.None);

        segment.Bytes.Should().Equal(resource.AsSpan(100, 200).ToArray());
        segment.Range.Should().Be(new FetchRange(100, 200));
        server.Received.Single().Range.Should().Be("bytes=100-299");
    }

    [Fact]
    public async Task A_server_that_ignores_the_range_still_yields_exactly_the_range()
    {
        var resource = Pattern(10_000);
        await using var server = await LoopbackHttpServer.StartAsync(ServeRanges(resource, honourRange: false));
        using var fetcher = Fetcher();

        var segment = await fetcher.FetchSegmentAsync(server.Url("/single.mp4"), new FetchRange(5_000, 1_234), CancellationToken.None);

        segment.Bytes.Should().Equal(resource.AsSpan(5_000, 1_234).ToArray());
    }

    [Fact]
    public async Task A_206_for_different_bytes_than_asked_is_invalid_content()
    {
        await using var server = await LoopbackHttpServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = "bytes 0-99/10000";
            await context.Response.Body.WriteAsync(new byte[100]);
        });
        using var fetcher = Fetcher();

        var act = () => fetcher.FetchSegmentAsync(server.Url("/single.mp4"), new FetchRange(100, 100), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceFetchException>()).Which;
        failure.Reason.Should().Be(SourceFetchFailure.InvalidContent);
        failure.Attempts.Should().Be(1);
    }

    [Fact]
    public async Task A_range_beyond_the_cap_on_a_server_that_ignores_ranges_is_too_large()
    {
        await using var server = await LoopbackHttpServer.StartAsync(ServeRanges(Pattern(2 * 1024 * 1024), honourRange: false));
        using var fetcher = Fetcher();

        var act = () => fetcher.FetchSegmentAsync(server.Url("/single.mp4"), new FetchRange(1_500_000, 1000), CancellationToken.None);

        (await act.Should().ThrowAsync<SourceFetchException>()).Which.Reason.Should().Be(SourceFetchFailure.TooLarge);
    }

    [Fact]
    public async Task A_range_past_the_end_is_reported_as_the_servers_416()
    {
        await using var server = await LoopbackHttpServer.StartAsync(ServeRanges(Pattern(1000), honourRange: true));
        using var fetcher = Fetcher();

        var act = () => fetcher.FetchSegmentAsync(server.Url("/single.mp4"), new FetchRange(5000, 10), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<SourceFetchException>()).Which;
        failure.StatusCode.Should().Be(416);
        failure.Attempts.Should().Be(1);
    }

    // ---- metrics and wiring ----

    [Fact]
    public async Task Attempts_are_counted_by_outcome_on_the_fetching_meter()
    {
        await using var server = await LoopbackHttpServer.StartAsync((context, n) => n <= 2 ? Text(context, "oops", 502) : Text(context, Playlist));
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentQueue<(string Instrument, string? Outcome, long Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Meter.Name == "Glance.Media.Fetching")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? outcome = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome")
                {
                    outcome = tag.Value as string;
                }
            }

            measurements.Enqueue((instrument.Name, outcome, value));
        });
        listener.Start();
        using var fetcher = Fetcher(meters: factory);

        await fetcher.FetchPlaylistAsync(server.Url("/live.m3u8"), CancellationToken.None);

        var attempts = measurements.Where(m => m.Instrument == "glance.fetch.attempts").ToList();
        attempts.Where(m => m.Outcome == "http_status").Sum(m => m.Value).Should().Be(2);
        attempts.Where(m => m.Outcome == "success").Sum(m => m.Value).Should().Be(1);
        measurements.Where(m => m.Instrument == "glance.fetch.requests").Select(m => (m.Outcome, m.Value)).Should().Equal([("success", 1L)], "one fetch, counted once with its final outcome");
        measurements.Where(m => m.Instrument == "glance.fetch.bytes").Sum(m => m.Value).Should().Be(Encoding.UTF8.GetByteCount(Playlist));
    }

    [Fact]
    public void Registration_binds_the_ingest_section_and_validates_it()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Ingest:AllowedNetworks:0"] = "127.0.0.0/8", ["Ingest:MaxRedirects"] = "2" })
            .Build();
        using var services = new ServiceCollection().AddSourceFetching(configuration).BuildServiceProvider();

        services.GetRequiredService<ISourceFetcher>().Should().BeOfType<SourceFetcher>();
        var guard = services.GetRequiredService<SsrfGuard>();
        guard.Options.MaxRedirects.Should().Be(2);
        guard.Policy.IsAllowed(IPAddress.Parse("127.0.0.5")).Should().BeTrue();

        var bad = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Ingest:AllowedNetworks:0"] = "not-a-network" })
            .Build();
        using var badServices = new ServiceCollection().AddSourceFetching(bad).BuildServiceProvider();
        var act = () => badServices.GetRequiredService<SsrfGuard>();
        act.Should().Throw<OptionsValidationException>().WithMessage("*not-a-network*Ingest:AllowedNetworks*");
    }

    private static Func<HttpContext, int, Task> ServeRanges(byte[] resource, bool honourRange) => async (context, _) =>
    {
        var header = context.Request.Headers.Range.ToString();
        if (!honourRange || !header.StartsWith("bytes=", StringComparison.Ordinal))
        {
            context.Response.ContentLength = resource.Length;
            await context.Response.Body.WriteAsync(resource, context.RequestAborted);
            return;
        }

        var bounds = header["bytes=".Length..].Split('-');
        var from = long.Parse(bounds[0]);
        var to = Math.Min(long.Parse(bounds[1]), resource.Length - 1);
        if (from >= resource.Length)
        {
            context.Response.StatusCode = 416;
            context.Response.Headers.ContentRange = $"bytes */{resource.Length}";
            return;
        }

        context.Response.StatusCode = 206;
        context.Response.Headers.ContentRange = $"bytes {from}-{to}/{resource.Length}";
        context.Response.ContentLength = to - from + 1;
        await context.Response.Body.WriteAsync(resource.AsMemory((int)from, (int)(to - from + 1)), context.RequestAborted);
    };

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
