namespace Glance.Grains.Monitoring;

/// <summary>Where an event's check results (one record per media sequence) and incidents sit in the sorted-record store.</summary>
public static class MonitoringKeys
{
    public static string ChecksPartition(string eventKey) => "checks/" + eventKey;

    /// <summary>One record per incident, keyed by its number: opening writes it, closing overwrites it.</summary>
    public static string IncidentsPartition(string eventKey) => "incidents/" + eventKey;
}
