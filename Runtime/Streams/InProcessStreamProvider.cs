using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Glance.Runtime.Streams;

/// <summary>
/// The embedded default: a bounded queue per stream drained by one loop, which keeps each stream in order while
/// different streams deliver in parallel. Items live in memory only.
/// </summary>
public sealed class InProcessStreamProvider(string name, StreamOptions options) : StreamProvider(name)
{
    private readonly ConcurrentDictionary<StreamId, Channel<object>> queues = new();
    private readonly CancellationTokenSource stopping = new();

    protected internal override Task PublishAsync(StreamId stream, object item, CancellationToken cancellationToken)
    {
        var queue = queues.GetOrAdd(stream, Open);
        var write = queue.Writer.WriteAsync(item, cancellationToken);
        return write.IsCompletedSuccessfully ? Task.CompletedTask : write.AsTask();
    }

    protected internal override Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in queues.Values)
        {
            queue.Writer.TryComplete();
        }

        stopping.Cancel();
        return Task.CompletedTask;
    }

    private Channel<object> Open(StreamId stream)
    {
        var queue = Channel.CreateBounded<object>(new BoundedChannelOptions(options.BufferCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _ = DrainAsync(stream, queue.Reader);
        return queue;
    }

    private async Task DrainAsync(StreamId stream, ChannelReader<object> reader)
    {
        try
        {
            while (await reader.WaitToReadAsync(stopping.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    await Delivery.DeliverAsync(stream, item).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
