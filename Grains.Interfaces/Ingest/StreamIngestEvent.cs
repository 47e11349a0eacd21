namespace Glance.Grains.Interfaces.Ingest;

/// <summary>Something notable in a stream's life, recorded on the event's "ingest" stream and in the log.</summary>
[GenerateSerializer, Immutable]
public sealed record StreamIngestEvent(
    string TenantId,
    string EventId,
    StreamIngestEventKind Kind,
    DateTimeOffset At,
    string Message,
    long? FirstSequence = null,
    long? LastSequence = null);

public enum StreamIngestEventKind
{
    /// <summary>Polling began (or resumed after a restart).</summary>
    Started,

    /// <summary>No new segment for three target durations.</summary>
    Stall,

    /// <summary>New segments arrive again after a stall or errors.</summary>
    Recovered,

    /// <summary>Segments left the playlist window before they were seen: they are lost.</summary>
    Gap,

    /// <summary>The source restarted (sequence numbers started over): a new epoch.</summary>
    Restart,

    /// <summary>An EXT-X-DISCONTINUITY: timestamps and encoding may change.</summary>
    Discontinuity,

    /// <summary>The playlist could not be fetched or parsed.</summary>
    PlaylistError,

    /// <summary>The source cannot be used at all (refused by the access policy, encrypted, not HLS).</summary>
    Failed,

    /// <summary>The playlist says the stream ended (EXT-X-ENDLIST).</summary>
    Ended,

    /// <summary>Polling stopped (by schedule or by hand).</summary>
    Stopped,
}
