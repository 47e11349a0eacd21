namespace Glance.Grains.Monitoring;

/// <summary>Where an event's check results sit in the sorted-record store: one record per media sequence.</summary>
public static class MonitoringKeys
{
    public static string ChecksPartition(string eventKey) => "checks/" + eventKey;
}
