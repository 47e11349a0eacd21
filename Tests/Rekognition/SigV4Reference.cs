using System.Security.Cryptography;
using System.Text;

namespace Glance.Tests.Rekognition;

/// <summary>
/// A second, deliberately plain SigV4 implementation written from the specification, used by the local server to
/// check every signature the client sends (so the client's signing is not only checked against itself).
/// Supports what the Rekognition wire protocol needs: no query string, a path of "/" or plain segments.
/// </summary>
internal static class SigV4Reference
{
    public static string Signature(
        string secretKey,
        string method,
        string path,
        IReadOnlyList<(string Name, string Value)> signedHeaders,
        ReadOnlySpan<byte> body,
        string amzDate,
        string region,
        string service)
    {
        var canonicalHeaders = new StringBuilder();
        foreach (var (name, value) in signedHeaders)
        {
            canonicalHeaders.Append(name).Append(':').Append(CollapseSpaces(value.Trim())).Append('\n');
        }

        var canonicalRequest = string.Join('\n',
            method,
            path,
            "",
            canonicalHeaders.ToString(),
            string.Join(';', signedHeaders.Select(h => h.Name)),
            Hex(SHA256.HashData(body)));
        var date = amzDate[..8];
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        return Hex(Hmac(key, stringToSign));
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    private static string CollapseSpaces(string value)
    {
        var builder = new StringBuilder(value.Length);
        var previousSpace = false;
        foreach (var c in value)
        {
            if (c == ' ')
            {
                if (!previousSpace)
                {
                    builder.Append(c);
                }

                previousSpace = true;
            }
            else
            {
                builder.Append(c);
                previousSpace = false;
            }
        }

        return builder.ToString();
    }
}
