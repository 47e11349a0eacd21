using System.Text.Json;
using System.Text.Json.Serialization;

namespace Glance.Grains.Viewers;

/// <summary>Stores a <see cref="DecisionLog"/> as the array of decision records it always was, oldest first: stored states read either way.</summary>
public sealed class DecisionLogJsonConverter : JsonConverter<DecisionLog>
{
    public override DecisionLog Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DecisionLog.Load(JsonSerializer.Deserialize<List<DecisionRecord>>(ref reader, options) ?? []);

    public override void Write(Utf8JsonWriter writer, DecisionLog value, JsonSerializerOptions options) => value.WriteJson(writer, options);
}
