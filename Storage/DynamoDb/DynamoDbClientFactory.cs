using System.Net;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace Glance.Storage.DynamoDb;

/// <summary>Builds the DynamoDB client from <see cref="DynamoDbStorageOptions"/>.</summary>
public static class DynamoDbClientFactory
{
    /// <summary>Retries of throttled or failed requests inside the SDK, each bounded by the request timeout.</summary>
    private const int MaxErrorRetry = 3;

    private const string DefaultRegion = "us-east-1";

    private static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(10);

    public static AmazonDynamoDBClient Create(DynamoDbStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.RequestTimeout, "Storage:DynamoDb:RequestTimeout must be positive.");
        }

        var config = new AmazonDynamoDBConfig { Timeout = options.RequestTimeout, MaxErrorRetry = MaxErrorRetry };
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
            return new AmazonDynamoDBClient(config);
        }

        if (!Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var serviceUri) || serviceUri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"Storage:DynamoDb:ServiceUrl '{options.ServiceUrl}' is not an absolute http(s) URL.", nameof(options));
        }

        config.ServiceURL = serviceUri.ToString();
        config.AuthenticationRegion = options.Region;

        return WithDefaultCredentials(serviceUri, config);
    }

    /// <summary>A client for an Orleans provider, from the Orleans-shaped options.</summary>
    public static AmazonDynamoDBClient Create(DynamoDBClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonDynamoDBConfig { Timeout = DefaultRequestTimeout, MaxErrorRetry = MaxErrorRetry };
        if (options.ServiceUrl is { } serviceUri)
        {
            config.ServiceURL = serviceUri.ToString();
            config.AuthenticationRegion = DefaultRegion;
        }
        else if (!string.IsNullOrWhiteSpace(options.Service))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Service);
        }

        if (!string.IsNullOrEmpty(options.AccessKey) && !string.IsNullOrEmpty(options.SecretKey))
        {
            AWSCredentials credentials = string.IsNullOrEmpty(options.Token)
                ? new BasicAWSCredentials(options.AccessKey, options.SecretKey)
                : new SessionAWSCredentials(options.AccessKey, options.SecretKey, options.Token);
            return new AmazonDynamoDBClient(credentials, config);
        }

        if (!string.IsNullOrEmpty(options.ProfileName))
        {
            return new CredentialProfileStoreChain().TryGetAWSCredentials(options.ProfileName, out var profile)
                ? new AmazonDynamoDBClient(profile, config)
                : throw new InvalidOperationException($"The AWS profile '{options.ProfileName}' has no usable credentials.");
        }

        return WithDefaultCredentials(options.ServiceUrl, config);
    }

    private static AmazonDynamoDBClient WithDefaultCredentials(Uri? serviceUri, AmazonDynamoDBConfig config)
    {
        // Local servers (dynalite, DynamoDB Local) accept any signature; without this a laptop with no AWS setup
        // would fail to find credentials, or wait for the instance metadata service.
        return serviceUri is not null && IsLoopback(serviceUri) && !HasConfiguredCredentials()
            ? new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), config)
            : new AmazonDynamoDBClient(config);
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static bool HasConfiguredCredentials()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_WEB_IDENTITY_TOKEN_FILE")))
        {
            return true;
        }

        var profile = Environment.GetEnvironmentVariable("AWS_PROFILE");
        return new CredentialProfileStoreChain().TryGetProfile(string.IsNullOrEmpty(profile) ? "default" : profile, out _);
    }
}
