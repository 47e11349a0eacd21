using System.Threading.Channels;
using Glance.Grains.Interfaces.Monitoring;
using Glance.Grains.Interfaces.Streams;
using Microsoft.AspNetCore.Http.Features;
using Orleans.Runtime;
using Orleans.Streams;

namespace Glance.Api.Live;

/// <summary>
/// Relays one tenant's monitoring updates to one client as server-sent events. It decides nothing: the monitor grains
/// publish what changed on the tenant's <see cref="StreamNames.MonitorLive"/> stream, and the feed filters by the events
/// the client watches, buffers (bounded, oldest dropped and reported) and writes.
/// </summary>
public sealed partial class LiveFeed(
    IClusterClient cluster,
    IOptions<LiveFeedOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    IHostApplicationLifetime lifetime,
    ILogger<LiveFeed> logger)
{
    private readonly LiveFeedOptions settings = options.Value;
    private readonly JsonSerializerOptions serializer = json.Value.SerializerOptions;

    /// <summary>
    /// Subscribes, reads the events' state (which also proves they exist: an unknown event throws before anything is
    /// written, so the client gets a problem), then streams until the client or the host goes away.
    /// </summary>
    /// <param name="resumeAfter">For a one-event feed, the last segment the client saw (Last-Event-ID).</param>
    public async Task RunAsync(HttpContext http, string tenantId, IReadOnlyList<string> eventIds, long? resumeAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(eventIds);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var token = stopping.Token;
        var watched = eventIds.ToHashSet(StringComparer.Ordinal);
        long dropped = 0;
        var buffer = Channel.CreateBounded<LiveMonitorUpdate>(
            new BoundedChannelOptions(settings.BufferSize) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref dropped));

        // Subscribed before the state is read, so nothing falls between the two; a repeat is harmless (same sequence).
        var stream = cluster.GetStreamProvider(StreamNames.Provider).GetStream<LiveMonitorUpdate>(StreamId.Create(StreamNames.MonitorLive, tenantId));
        var subscription = await stream.SubscribeAsync((update, _) =>
        {
            if (watched.Contains(update.EventId))
            {
                buffer.Writer.TryWrite(update);
            }

            return Task.CompletedTask;
        });
        try
        {
            var states = await Task.WhenAll(eventIds.Select(id =>
                cluster.GetGrainByKey<IEventMonitorGrain>(ResourceId.Scoped(tenantId, id)).GetLiveStateAsync(eventIds.Count == 1 ? resumeAfter : null, token)));
            LogOpened(logger, tenantId, eventIds.Count);
            await StreamAsync(http, states, eventIds.Count == 1, buffer.Reader, () => Interlocked.Exchange(ref dropped, 0), token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client went away or the host is stopping: the normal end of a feed.
        }
        finally
        {
            await UnsubscribeAsync(subscription, tenantId);
        }
    }

    private async Task StreamAsync(HttpContext http, LiveMonitorState[] states, bool numbered, ChannelReader<LiveMonitorUpdate> updates, Func<long> takeDropped, CancellationToken cancellationToken)
    {
        var response = http.Response;
        response.ContentType = LiveFeedFrames.ContentType;
        response.Headers.CacheControl = "no-cache, no-store";
        // Reverse proxies (nginx) would otherwise hold frames back until their buffer fills.
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.WriteAsync(LiveFeedFrames.Retry() + LiveFeedFrames.State(states, serializer), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);

        var heartbeat = Task.Delay(settings.HeartbeatInterval, cancellationToken);
        var readable = updates.WaitToReadAsync(cancellationToken).AsTask();
        while (true)
        {
            var woke = await Task.WhenAny(readable, heartbeat);
            if (woke == heartbeat)
            {
                await heartbeat; // surfaces cancellation
                await response.WriteAsync(LiveFeedFrames.Heartbeat(), cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
                heartbeat = Task.Delay(settings.HeartbeatInterval, cancellationToken);
                continue;
            }

            if (!await readable)
            {
                return;
            }

            // Everything buffered goes out in one write and one flush.
            var frames = new System.Text.StringBuilder();
            if (takeDropped() is > 0 and var lost)
            {
                LogDropped(logger, lost);
                frames.Append(LiveFeedFrames.Dropped(lost, serializer));
            }

            for (var written = 0; written < settings.BufferSize && updates.TryRead(out var update); written++)
            {
                frames.Append(LiveFeedFrames.Update(update, numbered, serializer));
            }

            await response.WriteAsync(frames.ToString(), cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
            readable = updates.WaitToReadAsync(cancellationToken).AsTask();
        }
    }

    private async Task UnsubscribeAsync(StreamSubscriptionHandle<LiveMonitorUpdate> subscription, string tenantId)
    {
        try
        {
            await subscription.UnsubscribeAsync().WaitAsync(settings.UnsubscribeTimeout, CancellationToken.None);
            LogClosed(logger, tenantId);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            // The subscription stays in pub-sub until the stream's next delivery to it fails; nothing else depends on it.
            LogUnsubscribeFailed(logger, tenantId, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live feed of tenant {Tenant} opened for {Events} events")]
    private static partial void LogOpened(ILogger logger, string tenant, int events);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live feed of tenant {Tenant} closed")]
    private static partial void LogClosed(ILogger logger, string tenant);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live feed: a slow client lost {Dropped} updates; it was told to reload the state")]
    private static partial void LogDropped(ILogger logger, long dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live feed of tenant {Tenant}: unsubscribing failed")]
    private static partial void LogUnsubscribeFailed(ILogger logger, string tenant, Exception exception);
}
