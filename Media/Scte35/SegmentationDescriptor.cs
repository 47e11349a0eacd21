namespace Glance.Media.Scte35;

/// <summary>
/// segmentation_descriptor() (SCTE 35 section 10.3.3): what kind of boundary a cue marks (program, chapter,
/// advertisement, placement opportunity ...), with its identifier (UPID), duration and position in a series.
/// </summary>
public sealed record SegmentationDescriptor : SpliceDescriptor
{
    public SegmentationDescriptor(uint identifier)
        : base(SegmentationTag, identifier)
    {
    }

    public required uint EventId { get; init; }

    public required bool EventCancel { get; init; }

    public bool EventIdCompliance { get; init; }

    public bool ProgramSegmentation { get; init; }

    public bool DeliveryNotRestricted { get; init; }

    /// <summary>Null when <see cref="DeliveryNotRestricted"/> is set (the restriction flags are then absent).</summary>
    public bool? WebDeliveryAllowed { get; init; }

    public bool? NoRegionalBlackout { get; init; }

    public bool? ArchiveAllowed { get; init; }

    public int? DeviceRestrictions { get; init; }

    public IReadOnlyList<SegmentationComponent> Components { get; init; } = [];

    /// <summary>segmentation_duration in 90 kHz ticks, when the duration flag is set.</summary>
    public long? Duration { get; init; }

    public double? DurationSeconds => Duration / 90_000.0;

    public SegmentationUpid? Upid { get; init; }

    public int SegmentationTypeId { get; init; }

    public string SegmentationTypeName => SegmentationTypes.NameOf(SegmentationTypeId);

    public int SegmentNum { get; init; }

    public int SegmentsExpected { get; init; }

    /// <summary>Present only for placement opportunity starts (types 0x34, 0x36, 0x38, 0x3A) that carry them.</summary>
    public int? SubSegmentNum { get; init; }

    public int? SubSegmentsExpected { get; init; }
}

public sealed record SegmentationComponent(int ComponentTag, long PtsOffset);
