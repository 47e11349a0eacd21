using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
namespace Glance.Api.Http;

/// <summary>
/// Says what is wrong with a JSON body that could not be read into the endpoint's contract, keyed by the field's path
/// as the caller wrote it ("source", "sampling.framesPerSecond", "detectors[0]"): which required fields are missing,
/// or what a field must be. The serializer's own messages name .NET types ("could not be converted to System.String").
/// </summary>
internal static partial class JsonBodyErrors
{
    public static Dictionary<string, string[]> Find(HttpContext http, Endpoint? endpoint, JsonException exception)
    {
        // The reader's own exception inside means the text is not JSON at all; the serializer adds the path around it.
        if (exception.InnerException is JsonException)
        {
            var where = exception.LineNumber is { } line && exception.BytePositionInLine is { } at
                ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {at + 1})")
                : string.Empty;
            return new() { [BindingErrors.BodyKey] = [$"The body is not valid JSON{where}."] };
        }

        var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var contract = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var target = contract is null ? null : Walk(options, contract, exception.Path);
        var prefix = Key(exception.Path);
        if (target is { } parent && MissingRequired(exception.Message, options, parent.Type) is { Count: > 0 } missing)
        {
            return missing.ToDictionary(
                property => prefix is null ? property.Name : $"{prefix}.{property.Name}",
                property => new[] { ValueExpectations.IsRequired(property.Name, property.AttributeProvider) });
        }

        var key = prefix ?? BindingErrors.BodyKey;
        return new()
        {
            [key] = [target is { } field ? ValueExpectations.MustBe(key, field.Type, field.Described) : $"{key} does not have the expected type."],
        };
    }

    /// <summary>The path without its "$" root ("detectors[0]"), or null for the body itself.</summary>
    private static string? Key(string? path) =>
        path is null or "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>
    /// The required properties the serializer reports missing. It names them only in its message, as JSON names in
    /// quotes after "including:"; each is checked against the contract, so a changed message finds none rather than
    /// a wrong one.
    /// </summary>
    private static List<JsonPropertyInfo> MissingRequired(string message, JsonSerializerOptions options, Type type)
    {
        var list = message.IndexOf("including:", StringComparison.Ordinal);
        if (list < 0 || Info(options, type) is not { Kind: JsonTypeInfoKind.Object } info)
        {
            return [];
        }

        var names = QuotedName().Matches(message[list..]).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        return [.. info.Properties.Where(p => names.Contains(p.Name))];
    }

    /// <summary>The type (and its property, for its description) at a JSON path of the contract, or null if the path leaves it.</summary>
    private static (Type Type, ICustomAttributeProvider? Described)? Walk(JsonSerializerOptions options, Type contract, string? path)
    {
        var type = contract;
        ICustomAttributeProvider? described = null;
        foreach (Match step in PathStep().Matches(path ?? "$"))
        {
            if (Info(options, Nullable.GetUnderlyingType(type) ?? type) is not { } info)
            {
                return null;
            }

            if (info.Kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary)
            {
                (type, described) = (info.ElementType!, null);
                continue;
            }

            var name = step.Groups["name"].Success ? step.Groups["name"].Value : step.Groups["quoted"].Value.Replace("''", "'", StringComparison.Ordinal);
            var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            if (step.Groups["index"].Success || info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, comparison)) is not { } property)
            {
                return null;
            }

            (type, described) = (property.PropertyType, property.AttributeProvider);
        }

        return (type, described);
    }

    private static JsonTypeInfo? Info(JsonSerializerOptions options, Type type)
    {
        try
        {
            return options.GetTypeInfo(type);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\[(?<index>\d+)\]|\['(?<quoted>(?:[^']|'')*)'\]", RegexOptions.CultureInvariant)]
    private static partial Regex PathStep();

    [GeneratedRegex(@"'([^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedName();
}
