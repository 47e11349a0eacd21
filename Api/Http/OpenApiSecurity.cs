using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Glance.Api.Http;

/// <summary>
/// Declares the credentials in the OpenAPI document (administrator key, broadcaster key, viewer token) and, per
/// operation, which one it needs, read from the endpoint's authorization policy. The 401, 403 and 429 answers that go
/// with a credential are declared by <see cref="ProblemResponses"/>.
/// </summary>
internal static class OpenApiSecurity
{
    private static readonly Dictionary<string, (string Scheme, string Description)> Schemes = new()
    {
        [AccessPolicies.Admin] = ("adminKey", "The bootstrap administrator key (Access:AdminKey), as 'Authorization: Bearer <key>'."),
        [AccessPolicies.Broadcaster] = ("broadcasterKey", "A broadcaster API key ('gk_...'), as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'."),
        [AccessPolicies.Viewer] = ("viewerToken", "A viewer token (JWT) issued by POST /v1/viewers/{viewerId}/tokens, as 'Authorization: Bearer <token>'. Broadcaster keys are accepted too."),
    };

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            foreach (var (scheme, description) in Schemes.Values)
            {
                document.Components.SecuritySchemes[scheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = scheme == "viewerToken" ? "JWT" : null,
                    Description = description,
                };
            }

            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var policies = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>();
            foreach (var policy in policies)
            {
                if (!Schemes.TryGetValue(policy, out var scheme))
                {
                    continue;
                }

                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme.Scheme, context.Document)] = [] });
                if (policy == AccessPolicies.Viewer)
                {
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Schemes[AccessPolicies.Broadcaster].Scheme, context.Document)] = [] });
                }
            }

            return Task.CompletedTask;
        });
    }
}
