using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Glance.Api.Http;

/// <summary>
/// Completes every problem details answer, ours and those the framework writes itself (status code pages after
/// Kestrel's body limit, content negotiation and routing; the rate limiter): where it happened, its trace id, a type
/// for every status, and a detail where the framework gives none.
/// </summary>
internal static class ProblemDefaults
{
    /// <summary>429 is defined by RFC 6585, which the framework's defaults (RFC 9110 statuses) do not cover.</summary>
    public const string TooManyRequestsType = "https://tools.ietf.org/html/rfc6585#section-4";

    public static void Apply(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Instance ??= http.Request.Path;
        problem.Extensions["traceId"] = http.TraceIdentifier;
        problem.Type ??= problem.Status == StatusCodes.Status429TooManyRequests ? TooManyRequestsType : "about:blank";
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status413PayloadTooLarge => TooLarge(http),
            StatusCodes.Status415UnsupportedMediaType => $"Send the body as {Accepted(http)}.",
            StatusCodes.Status405MethodNotAllowed => $"This path does not answer {http.Request.Method}; /openapi/v1.json lists what it does.",
            StatusCodes.Status404NotFound when http.GetEndpoint() is null => "There is no endpoint at this path; /openapi/v1.json lists them.",
            _ => null,
        };
    }

    /// <summary>The limit in force for this request: the endpoint's own (image uploads, profiles) or the server's.</summary>
    private static string TooLarge(HttpContext http) =>
        http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit
            ? string.Create(CultureInfo.InvariantCulture, $"The request body is larger than {limit:N0} bytes, the most this endpoint accepts.")
            : "The request body is larger than this endpoint accepts.";

    private static string Accepted(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes is { Count: > 0 } types
            ? string.Join(" or ", types)
            : "application/json";
}
