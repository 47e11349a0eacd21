namespace Glance.Runtime.Streams;

public sealed class StreamSubscriptionHandle
{
    private readonly Action unsubscribe;

    internal StreamSubscriptionHandle(StreamId streamId, Action unsubscribe)
    {
        StreamId = streamId;
        this.unsubscribe = unsubscribe;
    }

    public StreamId StreamId { get; }

    public Task UnsubscribeAsync()
    {
        unsubscribe();
        return Task.CompletedTask;
    }
}
