namespace Glance.Storage.DynamoDb;

/// <summary>
/// The table one Orleans provider keeps, and whether it may create it; named as in Orleans' DynamoDB packages.
/// Orleans' UpdateIfExists is not offered: these providers never alter an existing table.
/// </summary>
public abstract class DynamoDBTableOptions(string defaultTableName) : DynamoDBClientOptions
{
    public string TableName { get; set; } = defaultTableName;

    /// <summary>Create the table at start when it is missing (off where infrastructure as code owns the tables).</summary>
    public bool CreateIfNotExists { get; set; } = true;

    /// <summary>
    /// Provisioned capacity for a table this provider creates; off means on-demand (pay per request). Orleans
    /// defaults to provisioned, and so do we, so the two packages create the same table.
    /// </summary>
    public bool UseProvisionedThroughput { get; set; } = true;

    public int ReadCapacityUnits { get; set; } = 10;

    public int WriteCapacityUnits { get; set; } = 5;
}
