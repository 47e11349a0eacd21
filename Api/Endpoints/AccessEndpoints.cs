using System.ComponentModel.DataAnnotations;
using Glance.Grains.Interfaces.Access;
using Microsoft.AspNetCore.Http.HttpResults;
namespace Glance.Api.Endpoints;

/// <summary>Tenants (administrator), broadcaster API keys, and viewer tokens issued by broadcasters.</summary>
public static class AccessEndpoints
{
    /// <summary>The label of the key a new tenant is created with.</summary>

    public static IEndpointRouteBuilder MapAccessEndpoints(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/v1/tenants").WithTags("Tenants").RequireAuthorization(AccessPolicies.Admin);
        admin.MapPost("/", CreateTenantAsync)
            .WithSummary("Create a tenant (a broadcaster) and its first API key")
            .WithDescription("Administrator only. The key's secret is in this response and nowhere else. An existing tenant id answers 409.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapGet("/{tenantId}", GetTenantAsync).WithSummary("Read a tenant").ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/{tenantId}/keys", IssueKeyForTenantAsync)
            .WithSummary("Issue another API key for a tenant")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        var keys = routes.MapGroup("/v1/keys").WithTags("API keys").RequireAuthorization(AccessPolicies.Broadcaster);
        keys.MapPost("/", IssueKeyAsync)
            .WithSummary("Issue another API key for the caller's tenant")
            .WithDescription($"A tenant holding {ITenantGrain.MaxActiveKeys} active keys answers 409.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        keys.MapGet("/", ListKeysAsync).WithSummary("List the caller's API keys (never their secrets)");
        keys.MapDelete("/{keyId}", RevokeKeyAsync)
            .WithSummary("Revoke an API key")
            .WithDescription("Takes effect within 30 s on every silo.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        routes.MapPost("/v1/viewers/{viewerId}/tokens", IssueViewerToken)
            .WithTags("Viewers")
            .RequireAuthorization(AccessPolicies.Broadcaster)
            .WithSummary("Issue a short-lived viewer token")
            .WithDescription("A signed token (JWT, HS256) for one viewer of the caller's tenant, for the viewer endpoints.");
        return routes;
    }

    private static async Task<Created<CreatedTenant>> CreateTenantAsync(CreateTenantRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(request.Id, "id");
        var tenant = grains.GetGrainByKey<ITenantGrain>(request.Id);
        var info = await tenant.CreateAsync(request.Name, cancellationToken);
        var key = await tenant.IssueKeyAsync(ITenantGrain.FirstKeyLabel, cancellationToken);
        return TypedResults.Created($"/v1/tenants/{info.Id}", new CreatedTenant(info, key));
    }

    private static async Task<Ok<TenantInfo>> GetTenantAsync(string tenantId, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(tenantId, "tenantId");
        return await grains.GetGrainByKey<ITenantGrain>(tenantId).GetAsync(cancellationToken) is { } info
            ? TypedResults.Ok(info)
            : throw new ResourceNotFoundException("Tenant", tenantId);
    }

    private static async Task<Created<IssuedApiKey>> IssueKeyForTenantAsync(string tenantId, IssueKeyRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(tenantId, "tenantId");
        var key = await grains.GetGrainByKey<ITenantGrain>(tenantId).IssueKeyAsync(request.Label ?? string.Empty, cancellationToken);
        return TypedResults.Created($"/v1/keys/{key.KeyId}", key);
    }

    private static async Task<Created<IssuedApiKey>> IssueKeyAsync(IssueKeyRequest request, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var key = await grains.GetGrainByKey<ITenantGrain>(http.User.RequiredTenantId()).IssueKeyAsync(request.Label ?? string.Empty, cancellationToken);
        return TypedResults.Created($"/v1/keys/{key.KeyId}", key);
    }

    private static async Task<Ok<IReadOnlyList<ApiKeyInfo>>> ListKeysAsync(HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await grains.GetGrainByKey<ITenantGrain>(http.User.RequiredTenantId()).ListKeysAsync(cancellationToken));

    private static async Task<NoContent> RevokeKeyAsync(string keyId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        Ids.Require(keyId, "keyId");
        await grains.GetGrainByKey<ITenantGrain>(http.User.RequiredTenantId()).RevokeKeyAsync(keyId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static Created<IssuedViewerToken> IssueViewerToken(string viewerId, IssueViewerTokenRequest? request, HttpContext http, ViewerTokens tokens)
    {
        Ids.Require(viewerId, "viewerId");
        TimeSpan? lifetime = request?.LifetimeSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
        try
        {
            var (token, expiresAt) = tokens.Issue(http.User.RequiredTenantId(), viewerId, lifetime);
            return TypedResults.Created((string?)null, new IssuedViewerToken(viewerId, token, expiresAt));
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ValidationFailedException("lifetimeSeconds", e.Message.Split(" (Parameter", 2)[0]);
        }
    }
}

public sealed record CreateTenantRequest([property: Required] string Id, [property: Required] string Name);

public sealed record CreatedTenant(TenantInfo Tenant, IssuedApiKey Key);

// Optional members need their default: the JSON options treat every constructor parameter without one as required.

/// <param name="Label">What the key is for; "unnamed" when left out.</param>
public sealed record IssueKeyRequest(string? Label = null);

/// <param name="LifetimeSeconds">The token's lifetime; the configured default when left out.</param>
public sealed record IssueViewerTokenRequest(int? LifetimeSeconds = null);

public sealed record IssuedViewerToken(string ViewerId, string Token, DateTimeOffset ExpiresAt);
