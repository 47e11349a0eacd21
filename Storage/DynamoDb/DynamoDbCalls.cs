using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Glance.Storage.DynamoDb;

/// <summary>Turns the service errors a deployment can cause (missing table, oversized item) into clear exceptions.</summary>
internal static class DynamoDbCalls
{
    public static async Task<T> RunAsync<T>(string table, string what, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ResourceNotFoundException error)
        {
            throw TableMissing(table, error);
        }
        catch (AmazonDynamoDBException error) when (IsItemTooLarge(error))
        {
            throw new DynamoDbItemTooLargeException($"DynamoDB refused {what}: an item is over its limit of 400 KB.", error);
        }
    }

    public static DynamoDbStorageException TableMissing(string table, Exception? error) => new(
        $"The DynamoDB table '{table}' does not exist. Create it (see the key schemas in DynamoDbTables and the Orleans providers) or let the store create it (Storage:DynamoDb:CreateTables, or the provider option CreateIfNotExists).",
        error);

    private static bool IsItemTooLarge(AmazonDynamoDBException error) =>
        error.ErrorCode == "ValidationException" && error.Message.Contains("size has exceeded", StringComparison.OrdinalIgnoreCase);
}
