namespace Glance.Storage;

/// <summary>Which store to use and how to reach it. Bound to "Storage" (Storage__Provider=Sqlite|DynamoDb|Memory).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public StorageProviderKind Provider { get; set; } = StorageProviderKind.Sqlite;

    public SqliteStorageOptions Sqlite { get; set; } = new();

    public DynamoDbStorageOptions DynamoDb { get; set; } = new();
}

public enum StorageProviderKind
{
    Memory,
    Sqlite,
    DynamoDb,
}

public sealed class SqliteStorageOptions
{
    /// <summary>The database file; relative paths are under the data directory.</summary>
    public string Path { get; set; } = "data/glance.db";
}

public sealed class DynamoDbStorageOptions
{
    /// <summary>Endpoint override (dynalite, DynamoDB Local); null uses the regional AWS endpoint.</summary>
    public string? ServiceUrl { get; set; }

    public string Region { get; set; } = "us-east-1";

    /// <summary>Prefix of every table name (record store and Orleans providers), so several deployments can share an account.</summary>
    public string TablePrefix { get; set; } = "glance-";

    /// <summary>Create missing tables at start-up (on for local servers and first deployments; off where IaC owns them).</summary>
    public bool CreateTables { get; set; } = true;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
