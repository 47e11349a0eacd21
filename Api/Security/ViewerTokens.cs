using System.Buffers.Text;
using System.Security.Cryptography;
namespace Glance.Api.Security;

/// <summary>
/// Short-lived viewer tokens: compact JWS (JWT) with HS256, carrying tenant and viewer. Written here rather than with
/// JwtBearer because that package's dependencies do not restore from our registry; the format is standard, so any JWT
/// library can verify them. Validation is strict: alg must be HS256, kid must be a configured key, exp is required.
/// </summary>
public sealed class ViewerTokens
{
    /// <summary>How every token starts: the base64url of its JSON header's opening <c>{"</c>.</summary>
    public const string Prefix = "eyJ";

    private const string Issuer = "glance";
    private readonly AccessOptions options;
    private readonly TimeProvider clock;
    private const int MaxCachedTokens = 100_000;
    private readonly Dictionary<string, byte[]> keys;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (ViewerTokenValidation Result, DateTimeOffset ExpiresAt)> validated = new(StringComparer.Ordinal);

    public ViewerTokens(IOptions<AccessOptions> options, TimeProvider clock)
    {
        this.options = options.Value;
        this.clock = clock;
        if (this.options.ViewerTokenKeys.Count == 0)
        {
            throw new InvalidOperationException("No viewer token signing keys are configured (Access:ViewerTokenKeys).");
        }

        keys = this.options.ViewerTokenKeys.ToDictionary(k => k.Id, k => DecodeSecret(k), StringComparer.Ordinal);
    }

    public (string Token, DateTimeOffset ExpiresAt) Issue(string tenantId, string viewerId, TimeSpan? lifetime = null)
    {
        var duration = lifetime ?? options.ViewerTokenLifetime;
        if (duration <= TimeSpan.Zero || duration > options.MaxViewerTokenLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), duration, $"A viewer token lives between 1 second and {options.MaxViewerTokenLifetime}.");
        }

        var signer = options.ViewerTokenKeys[0];
        var now = clock.GetUtcNow();
        var expires = now + duration;
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = signer.Id });
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["sub"] = viewerId,
            ["tid"] = tenantId,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
        });
        var signingInput = $"{Base64Url.EncodeToString(header)}.{Base64Url.EncodeToString(payload)}";
        var signature = HMACSHA256.HashData(keys[signer.Id], Encoding.ASCII.GetBytes(signingInput));
        return ($"{signingInput}.{Base64Url.EncodeToString(signature)}", DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }

    /// <summary>
    /// Validates a token. A device presents the same token on every request until it expires, so a valid token's
    /// result is remembered (until its expiry, bounded in number); only its expiry is checked again.
    /// </summary>
    /// <returns>The token's tenant and viewer, or a reason why it is not acceptable.</returns>
    public ViewerTokenValidation Validate(string token)
    {
        if (validated.TryGetValue(token, out var cached))
        {
            return cached.ExpiresAt + options.ClockSkew > clock.GetUtcNow() ? cached.Result : ViewerTokenValidation.Invalid("The token has expired.");
        }

        var (result, expiresAt) = ValidateUncached(token);
        if (result.Valid)
        {
            if (validated.Count >= MaxCachedTokens)
            {
                validated.Clear();
            }

            validated[token] = (result, expiresAt);
        }

        return result;
    }

    private (ViewerTokenValidation Result, DateTimeOffset ExpiresAt) ValidateUncached(string token)
    {
        if (token.Length > 4096)
        {
            return (ViewerTokenValidation.Invalid("The token is too long."), default);
        }

        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return (ViewerTokenValidation.Invalid("The token is not a compact JWT."), default);
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "HS256")
            {
                return (ViewerTokenValidation.Invalid("The token's algorithm is not HS256."), default);
            }

            if (!header.RootElement.TryGetProperty("kid", out var kid) || kid.GetString() is not { } keyId || !keys.TryGetValue(keyId, out var key))
            {
                return (ViewerTokenValidation.Invalid("The token was signed with an unknown key."), default);
            }

            var expected = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
            if (!CryptographicOperations.FixedTimeEquals(expected, Base64Url.DecodeFromChars(parts[2])))
            {
                return (ViewerTokenValidation.Invalid("The token's signature is not valid."), default);
            }

            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var claims = payload.RootElement;
            if (!claims.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var expSeconds))
            {
                return (ViewerTokenValidation.Invalid("The token has no expiry."), default);
            }

            var now = clock.GetUtcNow();
            if (DateTimeOffset.FromUnixTimeSeconds(expSeconds) + options.ClockSkew <= now)
            {
                return (ViewerTokenValidation.Invalid("The token has expired."), default);
            }

            if (claims.TryGetProperty("iat", out var iat) && iat.TryGetInt64(out var iatSeconds) && DateTimeOffset.FromUnixTimeSeconds(iatSeconds) - options.ClockSkew > now)
            {
                return (ViewerTokenValidation.Invalid("The token was issued in the future."), default);
            }

            var tenant = claims.TryGetProperty("tid", out var tid) ? tid.GetString() : null;
            var viewer = claims.TryGetProperty("sub", out var sub) ? sub.GetString() : null;
            var issuer = claims.TryGetProperty("iss", out var iss) ? iss.GetString() : null;
            if (issuer != Issuer || string.IsNullOrEmpty(tenant) || string.IsNullOrEmpty(viewer))
            {
                return (ViewerTokenValidation.Invalid("The token does not name its issuer, tenant and viewer."), default);
            }

            return (new ViewerTokenValidation(true, tenant, viewer, null), DateTimeOffset.FromUnixTimeSeconds(expSeconds));
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or ArgumentException)
        {
            return (ViewerTokenValidation.Invalid("The token is malformed."), default);
        }
    }

    private static byte[] DecodeSecret(SigningKey key)
    {
        byte[] secret;
        try
        {
            secret = Convert.FromBase64String(key.Secret);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"Viewer token key '{key.Id}' is not base64.");
        }

        return secret.Length >= 32 ? secret : throw new InvalidOperationException($"Viewer token key '{key.Id}' has {secret.Length} bytes; at least 32 are required.");
    }
}

public sealed record ViewerTokenValidation(bool Valid, string? TenantId, string? ViewerId, string? Failure)
{
    public static ViewerTokenValidation Invalid(string reason) => new(false, null, null, reason);
}
