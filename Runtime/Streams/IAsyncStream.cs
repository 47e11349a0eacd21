namespace Glance.Runtime.Streams;

/// <summary>
/// One stream. Items published to it reach every subscriber in publication order. Publishing completes once the item
/// is accepted by the transport, not when subscribers have handled it (as with Orleans' persistent streams), so a
/// grain may publish to a stream it also consumes.
/// </summary>
public interface IAsyncStream<T>
{
    StreamId Id { get; }

    /// <summary>Waits for room when the stream's buffer is full (back-pressure), honouring cancellation.</summary>
    Task OnNextAsync(T item, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes a handler. Made from inside a grain, the handler runs as a turn of that grain and the subscription
    /// ends with the activation (subscribe again in OnActivateAsync); an implicit subscriber must subscribe there.
    /// </summary>
    Task<StreamSubscriptionHandle> SubscribeAsync(Func<T, Task> onNext, CancellationToken cancellationToken = default);
}
