using Amazon.DynamoDBv2;

namespace Glance.Storage.DynamoDb;

/// <summary>
/// The cluster store: two DynamoDB tables (grain state, sorted records) with conditional writes, created at
/// start when <see cref="DynamoDbStorageOptions.CreateTables"/> is set.
/// </summary>
public sealed class DynamoDbStorageProvider : IStorageProvider, IDisposable
{
    private readonly IAmazonDynamoDB client;
    private readonly bool ownsClient;
    private readonly bool createTables;
    private readonly DynamoDbTables tables;

    public DynamoDbStorageProvider(DynamoDbStorageOptions options)
        : this(DynamoDbClientFactory.Create(options), ownsClient: true, options)
    {
    }

    /// <param name="client">A client the caller owns and disposes.</param>
    public DynamoDbStorageProvider(IAmazonDynamoDB client, DynamoDbStorageOptions options)
        : this(client, ownsClient: false, options)
    {
    }

    private DynamoDbStorageProvider(IAmazonDynamoDB client, bool ownsClient, DynamoDbStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        this.client = client;
        this.ownsClient = ownsClient;
        createTables = options.CreateTables;
        TableNames = DynamoDbTableNames.FromPrefix(options.TablePrefix ?? string.Empty);
        tables = new DynamoDbTables(client, TableNames);
        GrainState = new DynamoDbGrainStateStore(client, TableNames.GrainState);
        SortedRecords = new DynamoDbSortedRecordStore(client, TableNames.SortedRecords);
    }

    public string Name => "DynamoDb";

    public DynamoDbTableNames TableNames { get; }

    public IGrainStateStore GrainState { get; }

    public ISortedRecordStore SortedRecords { get; }

    /// <summary>Creates missing tables and waits until they are active, or (CreateTables off) checks that they exist.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => tables.EnsureAsync(createTables, cancellationToken);

    public Task CheckHealthAsync(CancellationToken cancellationToken) => tables.CheckAsync(cancellationToken);

    public void Dispose()
    {
        if (ownsClient)
        {
            client.Dispose();
        }
    }
}
