using Glance.Runtime.Activation;

namespace Glance.Runtime.Streams;

/// <summary>
/// Base of the transports: a transport moves items (in process, or through RabbitMQ between silos); delivery to this
/// silo's subscribers is shared.
/// </summary>
public abstract class StreamProvider : IStreamProvider
{
    private protected StreamProvider(string name) => Name = name;

    public string Name { get; }

    internal LocalStreamDelivery Delivery { get; set; } = null!;

    public IAsyncStream<T> GetStream<T>(StreamId id) => new AsyncStream<T>(this, id, owner: null);

    /// <summary>Accepts an item for the stream; completes when the transport has it.</summary>
    protected internal abstract Task PublishAsync(StreamId stream, object item, CancellationToken cancellationToken);

    /// <summary>Called once the runtime is running; transports start consuming here.</summary>
    protected internal virtual Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected internal virtual Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal IStreamProvider For(GrainActivation activation) => new GrainStreamProvider(this, activation);

    private sealed class GrainStreamProvider(StreamProvider provider, GrainActivation activation) : IStreamProvider
    {
        public string Name => provider.Name;

        public IAsyncStream<T> GetStream<T>(StreamId id) => new AsyncStream<T>(provider, id, activation);
    }

    private sealed class AsyncStream<T>(StreamProvider provider, StreamId id, GrainActivation? owner) : IAsyncStream<T>
    {
        public StreamId Id => id;

        public Task OnNextAsync(T item, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(item);
            return provider.PublishAsync(id, item, cancellationToken);
        }

        public Task<StreamSubscriptionHandle> SubscribeAsync(Func<T, Task> onNext, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(onNext);
            return Task.FromResult(provider.Delivery.Subscribe(id, owner, item => onNext((T)item)));
        }
    }
}
