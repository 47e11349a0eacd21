namespace Glance.Grains.Interfaces.Monitoring;

/// <summary>Bounds on what a broadcaster sends as a schedule; the Api enforces the byte bound, the grain the rest.</summary>
public static class MonitoringLimits
{
    /// <summary>Keeps a schedule well inside one grain-state row (DynamoDB's item limit is 400 KB).</summary>
    public const int MaxPrograms = 200;

    public const int MaxCsvBytes = 256 * 1024;

    public const int MaxTextLength = 200;

    public const int MaxIdLength = 64;

    public const int MaxTeams = 8;

    public const int MaxBreaks = 8;

    /// <summary>Segments a resuming live feed is sent again at most (a minute of 6 s segments is 10); older gaps get the newest state.</summary>
    public const int MaxLiveReplay = 50;

    /// <summary>Open incidents a live feed's first frame carries at most.</summary>
    public const int MaxLiveOpenIncidents = 100;
}
