namespace Glance.Storage.DynamoDb;

/// <summary>
/// How an Orleans provider reaches DynamoDB. The property names are those of Orleans' own DynamoDB packages, so a
/// configuration section written for ours binds unchanged to theirs.
/// </summary>
public class DynamoDBClientOptions
{
    /// <summary>
    /// A region's system name ("eu-west-1"), or an http(s) URL for a DynamoDB-compatible server (dynalite,
    /// DynamoDB Local). Orleans overloads this one property the same way. Left empty, the SDK finds the region as
    /// it always does (AWS_REGION, which EKS sets for a pod with an IAM role, then the profile), where Orleans
    /// would require it.
    /// </summary>
    public string? Service { get; set; }

    /// <summary>With <see cref="SecretKey"/>: explicit credentials. Left empty, the SDK's default chain (IRSA on EKS) applies.</summary>
    [Redact]
    public string? AccessKey { get; set; }

    [Redact]
    public string? SecretKey { get; set; }

    /// <summary>A session token, for temporary credentials given explicitly.</summary>
    [Redact]
    public string? Token { get; set; }

    /// <summary>A named profile from the shared AWS credentials file.</summary>
    public string? ProfileName { get; set; }

    /// <summary>The service URL when <see cref="Service"/> is one, otherwise null.</summary>
    internal Uri? ServiceUrl =>
        Uri.TryCreate(Service, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
}
