using Glance.Grains.Interfaces.Timeline;
namespace Glance.Grains.Interfaces.Monitoring;

/// <summary>
/// Broadcast monitoring of one event (key: "tenant/event"): its program schedule, its check switches, and the checks
/// of every analysed segment, which it evaluates as a consumer of the event's "segment-results" stream (beside the
/// timeline, never in its way) and records per media sequence.
/// </summary>
public interface IEventMonitorGrain : IGrainWithStringKey
{
    /// <summary>Told by the event grain when the event is created or changed (the start anchors stream time and CSV offsets).</summary>
    Task DescribeEventAsync(DateTimeOffset startsAt, CancellationToken cancellationToken = default);

    /// <summary>The event was deleted: forget the schedule, the switches and the check results.</summary>
    Task ClearAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the schedule (null entries, as a client may send them, are reported as invalid programs).</summary>
    /// <exception cref="Common.ValidationFailedException">A program is invalid, or programs overlap or leave a gap.</exception>
    /// <exception cref="Common.ResourceNotFoundException">The event is unknown.</exception>
    Task<ProgramSchedule> PutScheduleAsync(IReadOnlyList<ScheduledProgram?> programs, CancellationToken cancellationToken = default);

    /// <summary>Replaces the schedule from CSV: the AWS broadcast-monitoring sample's columns (offsets in seconds from the event start) or ours.</summary>
    /// <exception cref="Common.ValidationFailedException">The CSV cannot be read, or its programs are invalid.</exception>
    Task<ProgramSchedule> ImportCsvAsync(string csv, CancellationToken cancellationToken = default);

    [AlwaysInterleave]
    Task<ProgramSchedule> GetScheduleAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the event's check switches and thresholds; the next segment is checked with them.</summary>
    Task<CheckSettings> PutSettingsAsync(CheckSettings settings, CancellationToken cancellationToken = default);

    [AlwaysInterleave]
    Task<CheckSettings> GetSettingsAsync(CancellationToken cancellationToken = default);

    /// <summary>Checks a segment (also used when results are not delivered through the stream).</summary>
    Task ApplyAsync(SegmentAnalysisResult result, CancellationToken cancellationToken = default);

    /// <summary>The checks of one segment; null when it has not been checked (yet).</summary>
    [AlwaysInterleave]
    Task<SegmentChecks?> GetSegmentChecksAsync(long sequence, CancellationToken cancellationToken = default);

    /// <summary>The event's incidents, newest first, of one state and one check when given; at most <paramref name="limit"/> (1-1000).</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<MonitoringIncident>> GetIncidentsAsync(IncidentState? state, MonitoringCheck? check, int limit, CancellationToken cancellationToken = default);

    /// <summary>Check results in media-sequence order, a page at a time.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<SegmentChecks>> GetChecksAsync(long? afterSequence, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The live feed's first frame: the newest checked segment (or, for a client resuming after
    /// <paramref name="afterSequence"/>, the segments checked since, at most <see cref="MonitoringLimits.MaxLiveReplay"/>) and the open incidents.
    /// </summary>
    /// <exception cref="Common.ResourceNotFoundException">The event is unknown.</exception>
    [AlwaysInterleave]
    Task<LiveMonitorState> GetLiveStateAsync(long? afterSequence, CancellationToken cancellationToken = default);
}
