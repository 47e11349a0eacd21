using Glance.Media.Scte35;
using Glance.Media.Transport;

namespace Glance.Tests.Scte35;

/// <summary>splice_insert sections built by the encoder read back through the decoder, and match the standard's sample bit for bit.</summary>
public sealed class SpliceInsertEncoderTests
{
    private const long TenSeconds = 900_000;

    public static TheoryData<string> Commands => new(["out", "in", "immediate", "components", "immediate components", "cancel"]);

    [Fact]
    public void The_standards_splice_insert_sample_is_encoded_bit_for_bit()
    {
        var sample = Scte35SpecSampleTests.ToBytes(Scte35SpecSampleTests.SpliceInsertSample);

        var encoded = SpliceInsertEncoder.Encode(Scte35Decoder.Decode(sample));

        encoded.Should().Equal(sample, "header, splice_insert, avail_descriptor and CRC_32 of SCTE 35 section 14.2");
    }

    [Fact]
    public void An_out_of_network_cue_with_a_break_duration_has_the_layout_of_the_standard()
    {
        var command = Out(eventId: 77, pts: 1_234_567_890);

        var encoded = SpliceInsertEncoder.Encode(command);

        // Written here field by field with the test's own bit writer, independent of the encoder.
        var expected = SectionBits.Section(0x05, new SectionBits()
            .Put(77, 32).Flag(false).Put(0x7F, 7)
            .Flag(true).Flag(true).Flag(true).Flag(false).Flag(false).Put(7, 3)
            .Flag(true).Put(0x3F, 6).Put(1_234_567_890, 33)
            .Flag(true).Put(0x3F, 6).Put(TenSeconds, 33)
            .Put(1, 16).Put(1, 8).Put(1, 8).ToArray(), []);
        encoded.Should().Equal(expected);
        Mpeg2Crc32.IsValidSection(encoded).Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_form_of_splice_insert_reads_back_as_written(string form)
    {
        var command = Command(form);

        var section = Scte35Decoder.Decode(SpliceInsertEncoder.Encode(command, ptsAdjustment: 1000));

        (section.SapType, section.CwIndex, section.Tier, section.PtsAdjustment).Should().Be((3, 0xFF, 0xFFF, 1000L));
        section.CommandName.Should().Be("splice_insert");
        section.Descriptors.Should().BeEmpty();
        section.Command.Should().BeEquivalentTo(command, o => o.RespectingRuntimeTypes().Excluding(m => m.Path.EndsWith("AdjustedPts", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_splice_point_is_the_time_plus_the_adjustment_on_the_33_bit_clock()
    {
        var nearWrap = (1L << 33) - 90_000;

        var section = Scte35Decoder.Decode(SpliceInsertEncoder.Encode(Out(1, nearWrap), ptsAdjustment: 180_000));

        section.SplicePts.Should().Be(90_000, "the sum wraps at 2^33");
        ((SpliceInsert)section.Command!).BreakDuration!.Seconds.Should().Be(10);
    }

    [Theory]
    [InlineData("no time")]
    [InlineData("time and immediate")]
    [InlineData("duration flag")]
    [InlineData("components in a program splice")]
    [InlineData("pts too large")]
    [InlineData("negative duration")]
    [InlineData("descriptor")]
    [InlineData("time_signal")]
    public void Inconsistent_or_unsupported_input_is_refused(string what)
    {
        var section = new SpliceInfoSection { SapType = 3, CwIndex = 0xFF, Tier = 0xFFF, Command = Out(1, 90_000) };
        var insert = (SpliceInsert)section.Command!;
        section = what switch
        {
            "no time" => section with { Command = insert with { SpliceTime = null } },
            "time and immediate" => section with { Command = insert with { SpliceImmediate = true } },
            "duration flag" => section with { Command = insert with { DurationFlag = false } },
            "components in a program splice" => section with { Command = insert with { Components = [new SpliceComponent(1, Time(0))] } },
            "pts too large" => section with { Command = insert with { SpliceTime = Time(1L << 33) } },
            "negative duration" => section with { Command = insert with { BreakDuration = new BreakDuration(true, -1) } },
            "descriptor" => section with { Descriptors = [new DtmfDescriptor(SpliceDescriptor.CueIdentifier, 10, "123*")] },
            _ => section with { Command = new TimeSignal(Time(0)) },
        };

        var encode = () => SpliceInsertEncoder.Encode(section);

        encode.Should().Throw<ArgumentException>();
    }

    private static SpliceInsert Command(string form) => form switch
    {
        "out" => Out(0xFFFFFFFF, 5_000),
        "in" => new SpliceInsert { EventId = 9, EventCancel = false, ProgramSplice = true, SpliceTime = Time((1L << 33) - 1), UniqueProgramId = 0xFFFF, AvailNum = 2, AvailsExpected = 3 },
        "immediate" => new SpliceInsert { EventId = 10, EventCancel = false, OutOfNetwork = true, ProgramSplice = true, SpliceImmediate = true, EventIdCompliance = true },
        "components" => new SpliceInsert
        {
            EventId = 11,
            EventCancel = false,
            OutOfNetwork = true,
            Components = [new SpliceComponent(1, Time(100)), new SpliceComponent(2, new SpliceTime(false, null, null))],
            DurationFlag = true,
            BreakDuration = new BreakDuration(false, 42),
        },
        "immediate components" => new SpliceInsert { EventId = 12, EventCancel = false, SpliceImmediate = true, Components = [new SpliceComponent(7, null)] },
        _ => new SpliceInsert { EventId = 13, EventCancel = true },
    };

    private static SpliceInsert Out(uint eventId, long pts) => new()
    {
        EventId = eventId,
        EventCancel = false,
        OutOfNetwork = true,
        ProgramSplice = true,
        DurationFlag = true,
        SpliceTime = Time(pts),
        BreakDuration = new BreakDuration(true, TenSeconds),
        UniqueProgramId = 1,
        AvailNum = 1,
        AvailsExpected = 1,
    };

    private static SpliceTime Time(long pts) => new(true, pts, pts);
}
