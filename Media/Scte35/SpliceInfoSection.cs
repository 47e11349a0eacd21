namespace Glance.Media.Scte35;

/// <summary>A decoded SCTE-35 splice_info_section (SCTE 35 section 9.6).</summary>
public sealed record SpliceInfoSection
{
    public const int TableIdValue = 0xFC;

    public int TableId { get; init; } = TableIdValue;

    public int SapType { get; init; }

    public int SectionLength { get; init; }

    public int ProtocolVersion { get; init; }

    public bool EncryptedPacket { get; init; }

    public int EncryptionAlgorithm { get; init; }

    /// <summary>33-bit offset in 90 kHz ticks added to every splice time of the section.</summary>
    public long PtsAdjustment { get; init; }

    public int CwIndex { get; init; }

    public int Tier { get; init; }

    public int SpliceCommandLength { get; init; }

    public int SpliceCommandType { get; init; }

    /// <summary>The command; null when the packet is encrypted (its command and descriptors cannot be read).</summary>
    public SpliceCommand? Command { get; init; }

    public IReadOnlyList<SpliceDescriptor> Descriptors { get; init; } = [];

    public uint? ECrc32 { get; init; }

    public uint Crc32 { get; init; }

    public string CommandName => SpliceCommand.NameOf(SpliceCommandType);

    /// <summary>
    /// The splice point in presentation time (pts_adjustment applied, 33-bit): the time of a time_signal, or the
    /// program splice time of a splice_insert, or the first component time of a component splice. Null when the splice is
    /// immediate, cancelled, or the command has no time (its point is then where the section arrives in the stream).
    /// </summary>
    public long? SplicePts => Command switch
    {
        TimeSignal t => t.SpliceTime.AdjustedPts,
        SpliceInsert { EventCancel: false, SpliceImmediate: false } i => i.SpliceTime?.AdjustedPts
            ?? i.Components.Select(c => c.SpliceTime?.AdjustedPts).FirstOrDefault(p => p.HasValue),
        _ => null,
    };

    public IEnumerable<SegmentationDescriptor> SegmentationDescriptors => Descriptors.OfType<SegmentationDescriptor>();
}
