using System.Text.Json.Serialization;
using Glance.Grains.Interfaces.Timeline;

namespace Glance.Api.Http;

/// <summary>
/// Compile-time JSON metadata for the hottest responses (the viewer context): no reflection per request. Other types
/// fall back to the reflection-based resolver.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ContextWindow))]
[JsonSerializable(typeof(TimelinePage))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
