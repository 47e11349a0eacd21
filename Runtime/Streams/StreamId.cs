namespace Glance.Runtime.Streams;

/// <summary>A stream: a namespace (what kind of messages) and a key (whose), like "segments" + an event id.</summary>
public readonly record struct StreamId(string Namespace, string Key)
{
    public static StreamId Create(string streamNamespace, string key) => new(streamNamespace, key);

    public override string ToString() => $"{Namespace}/{Key}";
}
