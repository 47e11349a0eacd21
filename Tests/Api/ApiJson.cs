using System.Text.Json;
using System.Text.Json.Serialization;

namespace Glance.Tests.Api;

/// <summary>The API's JSON conventions (web defaults, enums as camelCase strings) for reading its answers in tests.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
