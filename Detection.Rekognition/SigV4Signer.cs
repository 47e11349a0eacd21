using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace Glance.Detection.Rekognition;

/// <summary>
/// Signature Version 4 with AWSSDK.Core's own signer. Its request-level entry point wants the SDK's whole request
/// pipeline (IRequest, ClientConfig), so this reaches its canonicalization (protected, hence the subclass), header
/// initialization and signature computation directly: the SDK does all of the SigV4 algorithm, we only pick the headers.
/// </summary>
internal sealed class SigV4Signer : AWS4Signer
{
    /// <summary>
    /// Adds host and X-Amz-Date to <paramref name="headers"/> (and X-Amz-Security-Token for temporary credentials),
    /// signs every header in it, and returns the Authorization header value.
    /// </summary>
    /// <param name="headers">Headers to sign, by name; the caller sends exactly these.</param>
    public static string Sign(
        string method,
        Uri endpoint,
        IDictionary<string, string> headers,
        ReadOnlySpan<byte> body,
        ImmutableCredentials credentials,
        string region,
        string service,
        DateTime signedAt)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var signingTime = InitializeHeaders(headers, endpoint, signedAt.ToUniversalTime());
        if (credentials.UseToken)
        {
            headers["X-Amz-Security-Token"] = credentials.Token;
        }

        var canonicalHeaders = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            canonicalHeaders[name.ToLowerInvariant()] = value;
        }

        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(body));
        var canonicalRequest = CanonicalizeRequest(endpoint, endpoint.AbsolutePath, method, canonicalHeaders, "", bodyHash);
        var signedHeaders = CanonicalizeHeaderNames(canonicalHeaders);
        return ComputeSignature(credentials, region, signingTime, service, signedHeaders, canonicalRequest).ForAuthorizationHeader;
    }
}
