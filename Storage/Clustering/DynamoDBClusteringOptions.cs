using Glance.Storage.DynamoDb;

namespace Glance.Storage.Clustering;

/// <summary>
/// Silo membership in DynamoDB, configured like Orleans.Clustering.DynamoDB's options of the same name. One item
/// per cluster: "id" (S, cluster id) hash key; "v" (N) table version and "ve" (S) its ETag; "m" (M) the rows,
/// keyed by silo address, each a map with its own ETag "e" (schema in <see cref="MembershipItem"/>).
/// </summary>
public sealed class DynamoDBClusteringOptions() : DynamoDBTableOptions("OrleansSilos");
