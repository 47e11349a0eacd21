using System.Text.Json;
using System.Text.Json.Serialization;

namespace Glance.Grains.Common;

/// <summary>
/// Records the grains keep in the sorted-record store (timeline frames, segment statuses) and the media analysis state
/// are UTF-8 JSON: readable in any store's console, and tolerant of added fields when a type grows.
/// </summary>
public static class StoredJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Deserialize<T>(ReadOnlySpan<byte> data) =>
        JsonSerializer.Deserialize<T>(data, Options) ?? throw new JsonException($"Stored {typeof(T).Name} is null.");
}
