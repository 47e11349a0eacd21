using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Glance.Api.Http;

/// <summary>
/// Declares, in the API description the OpenAPI document is generated from, the problem answers that follow from an
/// endpoint's shape rather than from its domain: 400 for any path, query or body input (binding and validation),
/// 413 and 415 for a body, 401, 403 and 429 behind a credential, and 503 everywhere (a recovering cluster). Endpoints
/// declare their own success answers, 404 and 409. One place, so that a new endpoint cannot forget them.
/// </summary>
internal sealed class ProblemResponses : IApiDescriptionProvider
{
    private const string ProblemJson = "application/problem+json";

    /// <summary>After the framework's endpoint provider (-1100), which describes the endpoint's own answers.</summary>
    public int Order => 0;

    public void OnProvidersExecuting(ApiDescriptionProviderContext context)
    {
    }

    public void OnProvidersExecuted(ApiDescriptionProviderContext context)
    {
        foreach (var description in context.Results)
        {
            var sources = description.ParameterDescriptions.Select(p => p.Source).ToList();
            var hasBody = description.SupportedRequestFormats.Count > 0 || sources.Any(s => s == BindingSource.Body || s == BindingSource.Form || s == BindingSource.FormFile);
            if (hasBody || sources.Any(s => s == BindingSource.Path || s == BindingSource.Query))
            {
                Add(description, StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), "The request is not valid: errors names each field and what it must be.");
            }

            if (description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
            {
                Add(description, StatusCodes.Status401Unauthorized, "Missing, invalid, expired or revoked credentials.");
                Add(description, StatusCodes.Status403Forbidden, "These credentials do not allow this endpoint.");
                Add(description, StatusCodes.Status429TooManyRequests, "This caller's rate limit is exceeded; retry after Retry-After.");
            }

            if (hasBody)
            {
                Add(description, StatusCodes.Status413PayloadTooLarge, "The body is larger than this endpoint accepts; detail says the limit.");
                Add(description, StatusCodes.Status415UnsupportedMediaType, "The body is not of a media type this endpoint accepts.");
            }

            Add(description, StatusCodes.Status503ServiceUnavailable, "Part of the cluster is recovering; retry after Retry-After.");
        }
    }

    private static void Add(ApiDescription description, int status, string text) => Add(description, status, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), text);

    private static void Add(ApiDescription description, int status, Type problem, string text)
    {
        if (description.SupportedResponseTypes.Any(r => r.StatusCode == status))
        {
            return;
        }

        description.SupportedResponseTypes.Add(new ApiResponseType
        {
            StatusCode = status,
            Type = problem,
            Description = text,
            ApiResponseFormats = { new ApiResponseFormat { MediaType = ProblemJson } },
        });
    }
}
