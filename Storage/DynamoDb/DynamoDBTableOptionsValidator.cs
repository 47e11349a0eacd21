using System.Text.RegularExpressions;
namespace Glance.Storage.DynamoDb;

/// <summary>Checks a DynamoDB provider's options when the silo starts, so a typo fails the start, not the first call.</summary>
public sealed partial class DynamoDBTableOptionsValidator(DynamoDBTableOptions options, string providerName) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (options.Service is { } service && service.Contains("://", StringComparison.Ordinal) && options.ServiceUrl is null)
        {
            throw Invalid($"{nameof(options.Service)} '{options.Service}' is not an absolute http(s) URL.");
        }

        if (string.IsNullOrEmpty(options.AccessKey) != string.IsNullOrEmpty(options.SecretKey))
        {
            throw Invalid($"{nameof(options.AccessKey)} and {nameof(options.SecretKey)} go together; set both or neither.");
        }

        if (options.TableName is null || !TableNamePattern().IsMatch(options.TableName))
        {
            throw Invalid($"{nameof(options.TableName)} '{options.TableName}' is not a DynamoDB table name (3-255 of a-z, A-Z, 0-9, '_', '-', '.').");
        }

        if (options.UseProvisionedThroughput && (options.ReadCapacityUnits <= 0 || options.WriteCapacityUnits <= 0))
        {
            throw Invalid($"{nameof(options.ReadCapacityUnits)} and {nameof(options.WriteCapacityUnits)} must be positive with provisioned throughput.");
        }
    }

    private OrleansConfigurationException Invalid(string problem) =>
        new($"Configuration for the DynamoDB provider '{providerName}' is invalid: {problem}");

    [GeneratedRegex("^[a-zA-Z0-9_.-]{3,255}$")]
    private static partial Regex TableNamePattern();
}
