using Glance.Grains.Interfaces.Ingest;
using Glance.Media.Hls;
namespace Glance.Grains.Ingest;

/// <summary>A stream grain's persisted state: the cursor, the segments handed but not yet recorded, the resume point, and counters.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class StreamIngestState
{
    public bool Running { get; set; }

    public StreamIngestConfig? Config { get; set; }

    /// <summary>The media playlist being followed (the chosen variant, or the source itself).</summary>
    public Uri? MediaPlaylist { get; set; }

    public SegmentCursor Cursor { get; set; } = SegmentCursor.Initial;

    /// <summary>Handed to analysis, not yet recorded: handed again after a restart so that none is lost.</summary>
    public List<SegmentHandoff> InFlight { get; set; } = [];

    /// <summary>The newest segment handed (not handed again): the predecessor of the next, which the timeline records first.</summary>
    public SegmentPosition? LastHanded { get; set; }

    /// <summary>The newest segment the timeline recorded and the stream clock after it: where analysis resumes.</summary>
    public AnalysisResumePoint Recorded { get; set; } = AnalysisResumePoint.None;

    public long SegmentsHanded { get; set; }

    public long GapSegments { get; set; }

    public int Restarts { get; set; }

    public int ConsecutiveErrors { get; set; }

    public string? LastError { get; set; }

    public bool Stalled { get; set; }

    public bool EndOfStream { get; set; }

    public DateTimeOffset? LastLoadAt { get; set; }

    public DateTimeOffset? LastNewSegmentAt { get; set; }

    public int? TargetDurationSeconds { get; set; }

    /// <summary>
    /// The origin's publishing lag the ingest clock has learned (<see cref="Glance.Media.Hls.AvailabilityClock.Lag"/>),
    /// kept so that an activation on another silo (a failover, a restart) times its loads from it at once instead of
    /// learning it again, which costs a segment a cycle per load that comes too soon.
    /// </summary>
    public TimeSpan PublishingLag { get; set; }

    public List<StreamIngestEvent> RecentEvents { get; set; } = [];
}
