namespace Glance.Media.Scte35;

/// <summary>The splice_command() of a section; the concrete record says which one (SCTE 35 section 9.7).</summary>
public abstract record SpliceCommand
{
    public const int SpliceNullType = 0x00;
    public const int SpliceScheduleType = 0x04;
    public const int SpliceInsertType = 0x05;
    public const int TimeSignalType = 0x06;
    public const int BandwidthReservationType = 0x07;
    public const int PrivateCommandType = 0xFF;

    public abstract int CommandType { get; }

    public abstract string Name { get; }

    public static string NameOf(int commandType) => commandType switch
    {
        SpliceNullType => "splice_null",
        SpliceScheduleType => "splice_schedule",
        SpliceInsertType => "splice_insert",
        TimeSignalType => "time_signal",
        BandwidthReservationType => "bandwidth_reservation",
        PrivateCommandType => "private_command",
        _ => $"reserved_0x{commandType:X2}",
    };
}

public sealed record SpliceNull : SpliceCommand
{
    public override int CommandType => SpliceNullType;

    public override string Name => "splice_null";
}

public sealed record BandwidthReservation : SpliceCommand
{
    public override int CommandType => BandwidthReservationType;

    public override string Name => "bandwidth_reservation";
}

/// <summary>time_signal(): a point in presentation time; its meaning comes from the descriptors.</summary>
public sealed record TimeSignal(SpliceTime SpliceTime) : SpliceCommand
{
    public override int CommandType => TimeSignalType;

    public override string Name => "time_signal";
}

/// <summary>splice_insert(): a splice out of (or back into) the network feed.</summary>
public sealed record SpliceInsert : SpliceCommand
{
    public override int CommandType => SpliceInsertType;

    public override string Name => "splice_insert";

    public required uint EventId { get; init; }

    public required bool EventCancel { get; init; }

    public bool OutOfNetwork { get; init; }

    public bool ProgramSplice { get; init; }

    public bool DurationFlag { get; init; }

    public bool SpliceImmediate { get; init; }

    public bool EventIdCompliance { get; init; }

    /// <summary>Program splice time; null when cancelled, immediate, or per component.</summary>
    public SpliceTime? SpliceTime { get; init; }

    public IReadOnlyList<SpliceComponent> Components { get; init; } = [];

    public BreakDuration? BreakDuration { get; init; }

    public int UniqueProgramId { get; init; }

    public int AvailNum { get; init; }

    public int AvailsExpected { get; init; }
}

/// <summary>A component of a component-level splice_insert; <see cref="SpliceTime"/> is null for an immediate splice.</summary>
public sealed record SpliceComponent(int ComponentTag, SpliceTime? SpliceTime);

/// <summary>splice_schedule(): splice events announced in UTC (seconds since 1980-01-06, GPS epoch).</summary>
public sealed record SpliceSchedule(IReadOnlyList<ScheduledSpliceEvent> Events) : SpliceCommand
{
    public override int CommandType => SpliceScheduleType;

    public override string Name => "splice_schedule";
}

public sealed record ScheduledSpliceEvent
{
    public required uint EventId { get; init; }

    public required bool EventCancel { get; init; }

    public bool OutOfNetwork { get; init; }

    public bool ProgramSplice { get; init; }

    public uint? UtcSpliceTime { get; init; }

    public IReadOnlyList<ScheduledSpliceComponent> Components { get; init; } = [];

    public BreakDuration? BreakDuration { get; init; }

    public int UniqueProgramId { get; init; }

    public int AvailNum { get; init; }

    public int AvailsExpected { get; init; }
}

public sealed record ScheduledSpliceComponent(int ComponentTag, uint UtcSpliceTime);

/// <summary>private_command(): an identifier (registered with SMPTE) and opaque bytes.</summary>
public sealed record PrivateCommand(uint Identifier, byte[] PrivateBytes) : SpliceCommand
{
    public override int CommandType => PrivateCommandType;

    public override string Name => "private_command";
}

/// <summary>A command type that SCTE 35 reserves; kept as raw bytes.</summary>
public sealed record ReservedSpliceCommand(int Type, byte[] Bytes) : SpliceCommand
{
    public override int CommandType => Type;

    public override string Name => NameOf(Type);
}
