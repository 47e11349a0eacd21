using System.Text.Json.Serialization;
using Glance.Grains.Interfaces.Engagement;
using Glance.Grains.Interfaces.Timeline;

namespace Glance.Api.Http;

/// <summary>
/// Compile-time JSON metadata for the hottest responses (the viewer context, the engagement decision): no reflection
/// per request. Other types fall back to the reflection-based resolver. Through the API's options (first in their
/// resolver chain) a type here still gets their converters, such as camelCase enums.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ContextWindow))]
[JsonSerializable(typeof(TimelinePage))]
[JsonSerializable(typeof(InstrumentDecision))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
