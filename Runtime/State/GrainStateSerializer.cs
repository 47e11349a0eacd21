using System.Text.Json;
using System.Text.Json.Serialization;

namespace Glance.Runtime.State;

/// <summary>
/// State is stored as UTF-8 JSON: readable in any store's console, and tolerant of added fields when a grain's state
/// type grows.
/// </summary>
public static class GrainStateSerializer
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
