using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

namespace Glance.Storage.Persistence;

/// <summary>
/// Grain state as UTF-8 JSON (System.Text.Json), the default of our grain storage providers: a state stays readable
/// in the SQLite shell or the DynamoDB console, and a state type that gains a property still reads old rows (the
/// new property keeps its default) while an older build ignores properties it does not know.
/// </summary>
public sealed class JsonGrainStorageSerializer(JsonSerializerOptions options) : IGrainStorageSerializer
{
    public JsonGrainStorageSerializer()
        : this(DefaultOptions)
    {
    }

    /// <summary>
    /// camelCase names, enums by name (readable, and safe when members are reordered), unknown properties ignored.
    /// Public fields count too, since Orleans state types often carry [Id] on fields. A property with a non-public
    /// setter and no matching constructor parameter is not read back: state types need public setters or init.
    /// </summary>
    public static JsonSerializerOptions DefaultOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        IncludeFields = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, options));

    public T? Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize<T>(input.ToMemory().Span, options);
    }
}
