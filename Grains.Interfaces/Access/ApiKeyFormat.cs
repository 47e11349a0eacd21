using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Glance.Grains.Interfaces.Access;

/// <summary>
/// Broadcaster API keys look like "gk_&lt;16 hex key id&gt;.&lt;43 base64url secret&gt;": the id finds the key without a
/// table scan, the 256-bit secret is what proves possession and is stored only as its SHA-256 (a slow password hash
/// buys nothing for a random secret this long).
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "gk_";

    public static (string KeyId, string Secret, string Key) Generate()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (keyId, secret, $"{Prefix}{keyId}.{secret}");
    }

    public static bool TryParse(string? presented, [NotNullWhen(true)] out string? keyId, [NotNullWhen(true)] out string? secret)
    {
        keyId = null;
        secret = null;
        if (presented is null || presented.Length != Prefix.Length + 16 + 1 + 43 || !presented.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var id = presented.AsSpan(Prefix.Length, 16);
        if (presented[Prefix.Length + 16] != '.' || !id.ContainsOnlyHexLower())
        {
            return false;
        }

        keyId = id.ToString();
        secret = presented[(Prefix.Length + 17)..];
        return true;
    }

    public static byte[] Hash(string secret) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret));

    private static bool ContainsOnlyHexLower(this ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
