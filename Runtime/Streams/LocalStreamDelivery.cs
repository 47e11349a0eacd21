using System.Collections.Concurrent;
using Glance.Runtime.Activation;
using Microsoft.Extensions.Logging;

namespace Glance.Runtime.Streams;

/// <summary>
/// This silo's subscriptions and the delivery of one item to them: plain handlers, handlers bound to a grain
/// activation (run as its turns) and implicit subscribers (activated on demand). Every transport ends here.
/// </summary>
internal sealed partial class LocalStreamDelivery(GrainRuntime runtime, StreamOptions options, ILogger logger)
{
    private readonly ConcurrentDictionary<StreamId, Subscription[]> subscriptions = new();
    private readonly Lock gate = new();

    public StreamSubscriptionHandle Subscribe(StreamId stream, GrainActivation? owner, Func<object, Task> handler)
    {
        var subscription = new Subscription(stream, owner, handler);
        lock (gate)
        {
            subscriptions[stream] = [.. subscriptions.GetValueOrDefault(stream, []), subscription];
        }

        return new StreamSubscriptionHandle(stream, () => Remove(subscription));
    }

    public void RemoveSubscriptions(GrainActivation owner)
    {
        lock (gate)
        {
            foreach (var (stream, current) in subscriptions)
            {
                if (current.Any(s => s.Owner == owner))
                {
                    Replace(stream, [.. current.Where(s => s.Owner != owner)]);
                }
            }
        }
    }

    /// <summary>Delivers one item to every local subscriber; completes when all have handled it (or failed, logged).</summary>
    public async Task DeliverAsync(StreamId stream, object item)
    {
        var implicitClasses = runtime.Registry.ImplicitSubscribers(stream.Namespace);
        var current = subscriptions.GetValueOrDefault(stream, []);
        var deliveries = new List<Task>(current.Length + implicitClasses.Count);
        foreach (var subscription in current)
        {
            if (subscription.Owner is null)
            {
                deliveries.Add(InvokeAsync(subscription.Handler, item));
            }
            else if (!IsImplicitTarget(subscription.Owner, stream, implicitClasses))
            {
                deliveries.Add(DeliverToActivationAsync(subscription, item));
            }
        }

        foreach (var grainClass in implicitClasses)
        {
            deliveries.Add(runtime.RunSystemTurnAsync(
                new GrainId(grainClass.Name, stream.Key),
                grain => DeliverInsideTurnAsync(grain, stream, item),
                "stream " + stream.Namespace,
                keepsAlive: true));
        }

        foreach (var delivery in deliveries)
        {
            try
            {
                await delivery.WaitAsync(options.DeliveryTimeout).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                LogDeliveryFailed(logger, e, stream);
            }
        }
    }

    private static async Task InvokeAsync(Func<object, Task> handler, object item) => await handler(item).ConfigureAwait(false);

    private static bool IsImplicitTarget(GrainActivation owner, StreamId stream, IReadOnlyList<GrainClass> implicitClasses) =>
        owner.Id.Key == stream.Key && implicitClasses.Contains(owner.GrainClass);

    private async Task DeliverToActivationAsync(Subscription subscription, object item)
    {
        var turn = new SystemTurn(_ => subscription.Handler(item), "stream " + subscription.Stream.Namespace, keepsAlive: true, runtime.Clock.GetTimestamp());
        if (!subscription.Owner!.TryEnqueue(turn))
        {
            Remove(subscription); // the activation is gone; its subscriptions went with it
            return;
        }

        await turn.Completion.ConfigureAwait(false);
    }

    private Task DeliverInsideTurnAsync(Grain grain, StreamId stream, object item)
    {
        var subscription = subscriptions.GetValueOrDefault(stream, []).FirstOrDefault(s => s.Owner == grain.Activation);
        if (subscription is null)
        {
            LogNoImplicitHandler(logger, grain.GrainId, stream);
            return Task.CompletedTask;
        }

        return subscription.Handler(item);
    }

    private void Remove(Subscription subscription)
    {
        lock (gate)
        {
            if (subscriptions.TryGetValue(subscription.Stream, out var current))
            {
                Replace(subscription.Stream, [.. current.Where(s => s != subscription)]);
            }
        }
    }

    private void Replace(StreamId stream, Subscription[] remaining)
    {
        if (remaining.Length == 0)
        {
            subscriptions.TryRemove(stream, out _);
        }
        else
        {
            subscriptions[stream] = remaining;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A subscriber of stream {Stream} failed or timed out on an item")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, StreamId stream);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{GrainId} is an implicit subscriber of {Stream} but attached no handler in OnActivateAsync; the item is dropped")]
    private static partial void LogNoImplicitHandler(ILogger logger, GrainId grainId, StreamId stream);

    private sealed record Subscription(StreamId Stream, GrainActivation? Owner, Func<object, Task> Handler);
}
