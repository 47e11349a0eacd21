using System.Collections;
using System.ComponentModel;
using System.Reflection;
namespace Glance.Api.Http;

/// <summary>
/// What a value of a given type must look like, in the caller's words ("a whole number", "a date and time"), for the
/// messages of requests that could not be read: the framework's own messages name .NET types instead.
/// </summary>
internal static class ValueExpectations
{
    private static readonly HashSet<Type> WholeNumbers =
        [typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong)];

    private static readonly HashSet<Type> Numbers = [typeof(float), typeof(double), typeof(decimal), typeof(Half)];

    /// <summary>"{name} must be {what}", with the value's meaning when the parameter or property describes it.</summary>
    public static string MustBe(string name, Type type, ICustomAttributeProvider? described = null) =>
        $"{name} must be {Of(type)}{Meaning(described)}.";

    public static string IsRequired(string name, ICustomAttributeProvider? described = null) =>
        $"{name} is required{Meaning(described)}.";

    /// <summary>A value of <paramref name="type"/> as the API writes it (JSON web conventions, enums in camelCase).</summary>
    public static string Of(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) || type == typeof(char) => "a string",
            _ when type == typeof(bool) => "true or false",
            _ when WholeNumbers.Contains(type) => "a whole number",
            _ when Numbers.Contains(type) => "a number",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "a date and time in ISO 8601, such as 2026-05-01T18:30:00Z",
            _ when type == typeof(DateOnly) => "a date in ISO 8601, such as 2026-05-01",
            _ when type == typeof(TimeSpan) => "a duration such as 00:01:30",
            _ when type == typeof(Guid) => "a UUID",
            _ when type == typeof(Uri) => "a URL",
            _ when type == typeof(byte[]) => "base64 text",
            _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName)),
            _ when IsDictionary(type) => "an object",
            _ when typeof(IEnumerable).IsAssignableFrom(type) => "an array",
            _ => "an object",
        };
    }

    private static bool IsDictionary(Type type) =>
        typeof(IDictionary).IsAssignableFrom(type)
        || type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>));

    /// <summary>The [Description] of a parameter or property, which also describes it in the OpenAPI document.</summary>
    private static string Meaning(ICustomAttributeProvider? described) =>
        described?.GetCustomAttributes(typeof(DescriptionAttribute), inherit: false).OfType<DescriptionAttribute>().FirstOrDefault() is { Description.Length: > 0 } description
            ? $" ({description.Description})"
            : string.Empty;
}
