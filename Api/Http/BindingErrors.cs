using System.Reflection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;

namespace Glance.Api.Http;

/// <summary>
/// Says what could not be bound in a request the framework refused with 400 — a query or route value that does not
/// parse, a missing or unreadable JSON body — keyed by the name the caller used, in plain words. ASP.NET Core's own
/// messages name .NET types ("Failed to bind parameter \"Nullable&lt;double&gt; position\"") and stop at the first
/// value; this checks the matched endpoint's parameters again, so one mechanism serves every endpoint.
/// </summary>
internal static class BindingErrors
{
    public const string BodyKey = "body";

    /// <summary>The errors found, or an empty map when the cause cannot be told.</summary>
    public static Dictionary<string, string[]> Find(HttpContext http, BadHttpRequestException exception)
    {
        // The exception handler runs with the endpoint and route values cleared (for a re-execution); its feature keeps them.
        var failed = http.Features.Get<IExceptionHandlerFeature>();
        var endpoint = failed?.Endpoint ?? http.GetEndpoint();
        var routeValues = failed?.RouteValues ?? http.Request.RouteValues;
        if (endpoint?.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: not null, IsOptional: false } && !HasBody(http.Request))
        {
            return new() { [BodyKey] = ["A JSON body is required (Content-Type: application/json)."] };
        }

        return exception.InnerException is JsonException json
            ? JsonBodyErrors.Find(http, endpoint, json)
            : ValueErrors(http.Request.Query, routeValues, endpoint);
    }

    /// <summary>Every simple (query or route) parameter whose value is missing or does not parse as the framework parses it.</summary>
    private static Dictionary<string, string[]> ValueErrors(IQueryCollection query, RouteValueDictionary routeValues, Endpoint? endpoint)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var pattern = (endpoint as RouteEndpoint)?.RoutePattern;
        foreach (var binding in endpoint?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [])
        {
            var parameter = binding.ParameterInfo;
            if (!binding.HasTryParse || Source(parameter, pattern) is not { } source)
            {
                continue;
            }

            var name = source.Name;
            var values = source.FromRoute ? new StringValues(routeValues[name]?.ToString()) : query[name];
            var type = parameter.ParameterType.IsArray ? parameter.ParameterType.GetElementType()! : parameter.ParameterType;
            if (values.Count == 0 || (values.Count == 1 && string.IsNullOrEmpty(values[0])))
            {
                if (!binding.IsOptional)
                {
                    errors[name] = [ValueExpectations.IsRequired(name, parameter)];
                }
            }
            else if (!(parameter.ParameterType.IsArray ? values.All(v => Parses(type, v)) : Parses(type, values.ToString())))
            {
                errors[name] = [ValueExpectations.MustBe(name, type, parameter)];
            }
        }

        return errors;
    }

    /// <summary>Where a parameter is read from, as the framework infers it; null for headers, forms, bodies and services.</summary>
    private static (string Name, bool FromRoute)? Source(ParameterInfo parameter, RoutePattern? pattern)
    {
        var attributes = parameter.GetCustomAttributes(inherit: false);
        if (attributes.OfType<IFromRouteMetadata>().FirstOrDefault() is { } route)
        {
            return (route.Name ?? parameter.Name!, true);
        }

        if (attributes.OfType<IFromQueryMetadata>().FirstOrDefault() is { } query)
        {
            return (query.Name ?? parameter.Name!, false);
        }

        if (attributes.Any(a => a is IFromHeaderMetadata or IFromFormMetadata or IFromBodyMetadata or IFromServiceMetadata))
        {
            return null;
        }

        return (parameter.Name!, pattern?.GetParameter(parameter.Name!) is not null);
    }

    /// <summary>Parses as the framework does: the type's TryParse with the invariant culture, enums by name or number.</summary>
    private static bool Parses(Type type, string? value)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (value is null || type == typeof(string))
        {
            return true;
        }

        if (type.IsEnum)
        {
            return Enum.TryParse(type, value, ignoreCase: true, out _);
        }

        var byRef = type.MakeByRefType();
        if (type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), byRef]) is { } withCulture)
        {
            return (bool)withCulture.Invoke(null, [value, CultureInfo.InvariantCulture, null])!;
        }

        // A type this cannot check is taken as parsed: the caller then gets the general message rather than a wrong one.
        return type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), byRef]) is not { } plain
            || (bool)plain.Invoke(null, [value, null])!;
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is not 0 && request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is not { CanHaveBody: false };
}
