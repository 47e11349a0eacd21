namespace Glance.Storage.DynamoDb;

/// <summary>DynamoDB could not do what the store needs: a table is missing or not ready, or writes stayed throttled.</summary>
public class DynamoDbStorageException(string message, Exception? innerException = null) : Exception(message, innerException);
