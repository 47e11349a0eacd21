namespace Glance.Runtime.Streams;

/// <summary>Bound to "Runtime:Streams".</summary>
public sealed class StreamOptions
{
    public const string SectionName = "Runtime:Streams";

    /// <summary>Items buffered per stream before publishers wait.</summary>
    public int BufferCapacity { get; set; } = 1024;

    /// <summary>How long one subscriber may take with one item before delivery moves on (the handler is logged as slow).</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
