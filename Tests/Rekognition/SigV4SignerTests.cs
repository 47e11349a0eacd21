using System.Text;
using Amazon.Runtime;
using Glance.Detection.Rekognition;

namespace Glance.Tests.Rekognition;

/// <summary>The signer against AWS's published Signature Version 4 test suite (aws-sig-v4-test-suite).</summary>
public sealed class SigV4SignerTests
{
    private static readonly ImmutableCredentials SuiteCredentials = new(LocalRekognitionServer.AccessKey, LocalRekognitionServer.SecretKey, null);
    private static readonly DateTime SuiteTime = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);
    private static readonly Uri SuiteHost = new("https://example.amazonaws.com/");

    [Theory]
    [InlineData("get-vanilla", "GET", "", "", "host;x-amz-date", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")]
    [InlineData("post-vanilla", "POST", "", "", "host;x-amz-date", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")]
    [InlineData("post-header-key-case", "POST", "My-Header1:value1", "", "host;my-header1;x-amz-date", "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c")]
    [InlineData("post-header-value-case", "POST", "My-Header1:VALUE1", "", "host;my-header1;x-amz-date", "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d")]
    [InlineData("post-x-www-form-urlencoded", "POST", "Content-Type:application/x-www-form-urlencoded", "Param1=value1", "content-type;host;x-amz-date", "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a")]
    public void Signs_like_the_published_test_vectors(string vector, string method, string extraHeader, string body, string signedHeaders, string signature)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (extraHeader.Length > 0)
        {
            var colon = extraHeader.IndexOf(':', StringComparison.Ordinal);
            headers[extraHeader[..colon]] = extraHeader[(colon + 1)..];
        }

        var authorization = SigV4Signer.Sign(method, SuiteHost, headers, Encoding.UTF8.GetBytes(body), SuiteCredentials, "us-east-1", "service", SuiteTime);

        authorization.Should().Be(
            $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders={signedHeaders}, Signature={signature}",
            because: vector);
        headers.Should().Contain("X-Amz-Date", "20150830T123600Z").And.Contain("host", "example.amazonaws.com");
    }

    [Fact]
    public void Temporary_credentials_sign_their_session_token()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var temporary = new ImmutableCredentials(LocalRekognitionServer.AccessKey, LocalRekognitionServer.SecretKey, "session-token-value");

        var authorization = SigV4Signer.Sign("POST", SuiteHost, headers, [], temporary, "us-east-1", "service", SuiteTime);

        headers.Should().Contain("X-Amz-Security-Token", "session-token-value");
        authorization.Should().Contain("SignedHeaders=host;x-amz-date;x-amz-security-token,");
        var expected = SigV4Reference.Signature(
            LocalRekognitionServer.SecretKey,
            "POST",
            "/",
            [("host", "example.amazonaws.com"), ("x-amz-date", "20150830T123600Z"), ("x-amz-security-token", "session-token-value")],
            [],
            "20150830T123600Z",
            "us-east-1",
            "service");
        authorization.Should().EndWith("Signature=" + expected);
    }

    [Fact]
    public void The_reference_implementation_used_by_the_local_server_agrees_with_the_test_suite()
    {
        var signature = SigV4Reference.Signature(
            LocalRekognitionServer.SecretKey,
            "POST",
            "/",
            [("content-type", "application/x-www-form-urlencoded"), ("host", "example.amazonaws.com"), ("x-amz-date", "20150830T123600Z")],
            "Param1=value1"u8,
            "20150830T123600Z",
            "us-east-1",
            "service");

        signature.Should().Be("ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");
    }
}
