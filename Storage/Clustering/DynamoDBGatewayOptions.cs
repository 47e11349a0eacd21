using Glance.Storage.DynamoDb;

namespace Glance.Storage.Clustering;

/// <summary>Where a client finds the membership table to list gateways; named as in Orleans.Clustering.DynamoDB.</summary>
public sealed class DynamoDBGatewayOptions() : DynamoDBTableOptions("OrleansSilos");
