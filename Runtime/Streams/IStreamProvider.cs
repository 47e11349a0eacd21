namespace Glance.Runtime.Streams;

/// <summary>A named stream transport (in-process, RabbitMQ), shaped like Orleans' IStreamProvider.</summary>
public interface IStreamProvider
{
    string Name { get; }

    IAsyncStream<T> GetStream<T>(StreamId id);
}
