using System.Buffers.Text;
using System.Security.Cryptography;
using Glance.Grains.Interfaces.Engagement;
namespace Glance.Api.Security;

/// <summary>
/// Signed tracking links for ad players, which fire impression and click pixels without credentials: each link names
/// one viewer's one decision and one engagement type, and records only that (once, whatever the number of fires). The
/// MAC key is derived (HKDF) from the viewer-token signing keys, so a tracking link can never pass as a viewer token.
/// </summary>
public sealed class TrackingLinks
{
    /// <summary>Ad players fire impression pixels when the ad plays, which may be a while after the decision.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private static readonly byte[] Purpose = Encoding.ASCII.GetBytes("glance tracking links v1");
    private readonly Dictionary<string, byte[]> keys;
    private readonly string signer;
    private readonly TimeProvider clock;

    public TrackingLinks(IOptions<AccessOptions> options, TimeProvider clock)
    {
        var configured = options.Value.ViewerTokenKeys;
        if (configured.Count == 0)
        {
            throw new InvalidOperationException("No viewer token signing keys are configured (Access:ViewerTokenKeys).");
        }

        keys = configured.ToDictionary(k => k.Id, k => HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(k.Secret), 32, info: Purpose), StringComparer.Ordinal);
        signer = configured[0].Id;
        this.clock = clock;
    }

    public string Create(string tenantId, string viewerId, string decisionId, EngagementType type)
    {
        var expires = (clock.GetUtcNow() + Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('|', tenantId, viewerId, decisionId, (int)type, expires)));
        return $"{payload}.{signer}.{Base64Url.EncodeToString(Mac(keys[signer], payload))}";
    }

    /// <returns>The link's tenant, viewer, decision and type; null when it is forged, altered or expired.</returns>
    public TrackedEngagement? Read(string token)
    {
        var parts = token.Split('.');
        if (token.Length > 1024 || parts.Length != 3 || !keys.TryGetValue(parts[1], out var key))
        {
            return null;
        }

        byte[] mac;
        byte[] payload;
        try
        {
            mac = Base64Url.DecodeFromChars(parts[2]);
            payload = Base64Url.DecodeFromChars(parts[0]);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(mac, Mac(key, parts[0])))
        {
            return null;
        }

        var fields = Encoding.UTF8.GetString(payload).Split('|');
        return fields.Length == 5
            && ResourceId.IsValid(fields[0]) && ResourceId.IsValid(fields[1]) && ResourceId.IsValid(fields[2])
            && int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var type) && Enum.IsDefined((EngagementType)type)
            && long.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && DateTimeOffset.FromUnixTimeSeconds(expires) > clock.GetUtcNow()
                ? new TrackedEngagement(fields[0], fields[1], fields[2], (EngagementType)type)
                : null;
    }

    private static byte[] Mac(byte[] key, string payload) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(payload));
}

/// <summary>What a valid tracking link records.</summary>
public sealed record TrackedEngagement(string TenantId, string ViewerId, string DecisionId, EngagementType Type);
