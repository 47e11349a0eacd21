using System.Security.Claims;

namespace Glance.Api.Security;

/// <summary>The claims the access layer puts on a caller, and the roles they imply.</summary>
public static class GlanceClaims
{
    public const string Role = "glance:role";
    public const string Tenant = "glance:tenant";
    public const string Viewer = "glance:viewer";
    public const string KeyId = "glance:key";

    /// <summary>Whose rate limit a request counts against, computed once per credential.</summary>
    public const string RateLimitPartition = "glance:limit";

    public const string AdminRole = "admin";
    public const string BroadcasterRole = "broadcaster";
    public const string ViewerRole = "viewer";

    public static string? TenantId(this ClaimsPrincipal user) => user.FindFirstValue(Tenant);

    public static string? ViewerId(this ClaimsPrincipal user) => user.FindFirstValue(Viewer);

    public static bool IsInRoleOf(this ClaimsPrincipal user, string role) => user.HasClaim(Role, role);

    /// <summary>The tenant of a broadcaster or viewer caller; endpoints behind the matching policy always have one.</summary>
    public static string RequiredTenantId(this ClaimsPrincipal user) =>
        user.TenantId() ?? throw new InvalidOperationException("The caller has no tenant; the endpoint is missing its authorization policy.");
}
