using System.Security.Claims;
using System.Text.Encodings.Web;
using Glance.Grains.Interfaces.Access;
using Microsoft.AspNetCore.Authentication;
namespace Glance.Api.Security;

/// <summary>
/// One bearer scheme for the three kinds of caller, told apart by the credential's shape: the administrator key,
/// broadcaster API keys ("gk_..."), and viewer tokens (JWT). Also accepts the key in an X-Api-Key header.
/// </summary>
public sealed class GlanceAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    AdministratorKey adminKey,
    IGrainFactory grains,
    ViewerTokens viewerTokens) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggers, encoder)
{
    public const string SchemeName = "Glance";
    private const int MaxCachedPrincipals = 100_000;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ClaimsPrincipal> Principals = new(StringComparer.Ordinal);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var credential = PresentedCredential();
        if (credential is null)
        {
            return AuthenticateResult.NoResult();
        }

        // Viewer tokens are most requests by far: their shape is told first, which spares each one the administrator
        // key's digest (the key may not have that shape, AccessSetup).
        if (credential.StartsWith(ViewerTokens.Prefix, StringComparison.Ordinal))
        {
            var token = viewerTokens.Validate(credential);
            return token.Valid
                ? Success((GlanceClaims.Role, GlanceClaims.ViewerRole), (GlanceClaims.Tenant, token.TenantId!), (GlanceClaims.Viewer, token.ViewerId!), (GlanceClaims.RateLimitPartition, $"viewer:{token.TenantId}/{token.ViewerId}"))
                : AuthenticateResult.Fail(token.Failure!);
        }

        if (adminKey.Matches(credential))
        {
            return Success((GlanceClaims.Role, GlanceClaims.AdminRole));
        }

        if (ApiKeyFormat.TryParse(credential, out var keyId, out var secret))
        {
            var tenant = await grains.GetGrainByKey<IApiKeyGrain>(keyId).VerifyAsync(secret, Context.RequestAborted);
            return tenant is null
                ? AuthenticateResult.Fail("The API key is not valid or has been revoked.")
                : Success((GlanceClaims.Role, GlanceClaims.BroadcasterRole), (GlanceClaims.Tenant, tenant), (GlanceClaims.KeyId, keyId), (GlanceClaims.RateLimitPartition, "key:" + keyId));
        }

        return AuthenticateResult.Fail("The credential is neither an API key nor a viewer token.");
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        // Basic too, so that a browser asks for the administrator key on the operations dashboard's pages.
        Response.Headers.WWWAuthenticate = new(["Bearer realm=\"glance\"", "Basic realm=\"glance\", charset=\"UTF-8\""]);
        await WriteProblemAsync(
            StatusCodes.Status401Unauthorized,
            "Unauthorized",
            result.Failure?.Message ?? "This endpoint needs credentials: a broadcaster API key or a viewer token as 'Authorization: Bearer <credential>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "These credentials do not allow this endpoint.");

    private string? PresentedCredential()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            // A browser's way to send a credential: the password is the key (the user name is not looked at).
            return BasicPassword(authorization["Basic ".Length..].Trim());
        }

        var header = Request.Headers["X-Api-Key"].ToString();
        return header.Length > 0 ? header.Trim() : null;
    }

    private static string? BasicPassword(string encoded)
    {
        Span<byte> decoded = stackalloc byte[Math.Min(encoded.Length, 1024)];
        if (!Convert.TryFromBase64String(encoded, decoded, out var length))
        {
            return null;
        }

        var pair = Encoding.UTF8.GetString(decoded[..length]);
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : pair[(colon + 1)..];
    }

    /// <summary>
    /// Callers repeat themselves (a device polls with one token), so the principal for a set of claims is built once and
    /// shared; nothing downstream mutates it. The cache is bounded.
    /// </summary>
    private static AuthenticateResult Success(params (string Type, string Value)[] claims)
    {
        var key = string.Join('\u001f', claims.Select(c => c.Value));
        if (!Principals.TryGetValue(key, out var principal))
        {
            if (Principals.Count >= MaxCachedPrincipals)
            {
                Principals.Clear();
            }

            principal = new ClaimsPrincipal(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), SchemeName, ClaimTypes.Name, GlanceClaims.Role));
            Principals[key] = principal;
        }

        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
