namespace Glance.Storage.DynamoDb;

/// <summary>An item would exceed DynamoDB's 400 KB item limit; the state or record must be made smaller or split.</summary>
public sealed class DynamoDbItemTooLargeException(string message, Exception? innerException = null)
    : DynamoDbStorageException(message, innerException);
