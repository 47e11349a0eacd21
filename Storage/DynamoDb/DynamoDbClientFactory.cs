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

        // Local servers (dynalite, DynamoDB Local) accept any signature; without this a laptop with no AWS setup
        // would fail to find credentials, or wait for the instance metadata service.
        return IsLoopback(serviceUri) && !HasConfiguredCredentials()
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
