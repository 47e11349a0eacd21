using Glance.Media.Scte35;

namespace Glance.Tests.Scte35;

/// <summary>Commands, descriptors and malformed input beyond the standard's samples, built bit by bit.</summary>
public sealed class Scte35DecoderTests
{
    private static readonly byte[] NoDescriptors = [];

    [Fact]
    public void Pts_adjustment_is_added_modulo_2_pow_33()
    {
        var command = SectionBits.SpliceTime(new SectionBits(), (1L << 33) - 90_000).ToArray();
        var section = Scte35Decoder.Decode(SectionBits.Section(0x06, command, NoDescriptors, ptsAdjustment: 180_000));

        var time = section.Command.Should().BeOfType<TimeSignal>().Subject.SpliceTime;
        time.PtsTime.Should().Be((1L << 33) - 90_000);
        time.AdjustedPts.Should().Be(90_000, "the sum wraps at 2^33");
        section.PtsAdjustment.Should().Be(180_000);
        section.SplicePts.Should().Be(90_000);
    }

    [Fact]
    public void Component_splice_insert_with_immediate_flag_has_no_times()
    {
        var w = new SectionBits().Put(77, 32).Flag(false).Put(0x7F, 7)
            .Flag(true).Flag(false).Flag(false).Flag(true).Flag(true).Put(7, 3) // out, program=0, duration=0, immediate, compliance
            .Put(2, 8).Put(0x21, 8).Put(0x22, 8) // two components, no splice_time when immediate
            .Put(0x1234, 16).Put(3, 8).Put(4, 8);
        var section = Scte35Decoder.Decode(SectionBits.Section(0x05, w.ToArray(), NoDescriptors));

        var insert = section.Command.Should().BeOfType<SpliceInsert>().Subject;
        insert.ProgramSplice.Should().BeFalse();
        insert.SpliceImmediate.Should().BeTrue();
        insert.Components.Should().Equal(new SpliceComponent(0x21, null), new SpliceComponent(0x22, null));
        insert.UniqueProgramId.Should().Be(0x1234);
        insert.AvailNum.Should().Be(3);
        insert.AvailsExpected.Should().Be(4);
        section.SplicePts.Should().BeNull("an immediate splice happens where the section arrives");
    }

    [Fact]
    public void Component_splice_insert_with_times_applies_the_adjustment_to_each()
    {
        var w = new SectionBits().Put(5, 32).Flag(false).Put(0x7F, 7)
            .Flag(true).Flag(false).Flag(true).Flag(false).Flag(false).Put(7, 3)
            .Put(1, 8).Put(0x30, 8);
        SectionBits.SpliceTime(w, 1000);
        w.Flag(false).Put(0x3F, 6).Put(90_000 * 30, 33); // break_duration 30 s, no auto return
        w.Put(1, 16).Put(0, 8).Put(0, 8);
        var section = Scte35Decoder.Decode(SectionBits.Section(0x05, w.ToArray(), NoDescriptors, ptsAdjustment: 500));

        var insert = section.Command.Should().BeOfType<SpliceInsert>().Subject;
        insert.Components.Should().ContainSingle().Which.SpliceTime!.AdjustedPts.Should().Be(1500);
        insert.BreakDuration.Should().Be(new BreakDuration(false, 90_000 * 30));
        section.SplicePts.Should().Be(1500);
    }

    [Fact]
    public void Cancelled_splice_insert_stops_after_the_cancel_flag()
    {
        var w = new SectionBits().Put(0xDEADBEEF, 32).Flag(true).Put(0x7F, 7);
        var section = Scte35Decoder.Decode(SectionBits.Section(0x05, w.ToArray(), NoDescriptors));

        var insert = section.Command.Should().BeOfType<SpliceInsert>().Subject;
        insert.EventId.Should().Be(0xDEADBEEF);
        insert.EventCancel.Should().BeTrue();
        section.SplicePts.Should().BeNull();
    }

    [Fact]
    public void Splice_schedule_events_in_utc()
    {
        var w = new SectionBits().Put(2, 8)
            .Put(10, 32).Flag(false).Put(0x7F, 7).Flag(true).Flag(true).Flag(true).Put(0x1F, 5).Put(1_300_000_000, 32)
            .Flag(true).Put(0x3F, 6).Put(2_700_000, 33).Put(9, 16).Put(1, 8).Put(2, 8)
            .Put(11, 32).Flag(true).Put(0x7F, 7);
        var section = Scte35Decoder.Decode(SectionBits.Section(0x04, w.ToArray(), NoDescriptors));

        var schedule = section.Command.Should().BeOfType<SpliceSchedule>().Subject;
        schedule.Events.Should().HaveCount(2);
        schedule.Events[0].UtcSpliceTime.Should().Be(1_300_000_000u);
        schedule.Events[0].BreakDuration!.Seconds.Should().Be(30);
        schedule.Events[0].UniqueProgramId.Should().Be(9);
        schedule.Events[1].EventCancel.Should().BeTrue();
        section.SplicePts.Should().BeNull();
    }

    [Fact]
    public void Splice_null_bandwidth_reservation_private_and_reserved_commands()
    {
        Scte35Decoder.Decode(SectionBits.Section(0x00, [], NoDescriptors)).Command.Should().BeOfType<SpliceNull>();
        Scte35Decoder.Decode(SectionBits.Section(0x07, [], NoDescriptors)).Command.Should().BeOfType<BandwidthReservation>();

        var privateCommand = Scte35Decoder.Decode(SectionBits.Section(0xFF, [0x41, 0x42, 0x43, 0x44, 9, 8, 7], NoDescriptors)).Command;
        privateCommand.Should().BeOfType<PrivateCommand>().Which.Identifier.Should().Be(0x41424344);
        ((PrivateCommand)privateCommand!).PrivateBytes.Should().Equal(9, 8, 7);

        var reserved = Scte35Decoder.Decode(SectionBits.Section(0x42, [1, 2], NoDescriptors));
        reserved.Command.Should().BeOfType<ReservedSpliceCommand>().Which.Bytes.Should().Equal(1, 2);
        reserved.CommandName.Should().Be("reserved_0x42");
    }

    [Fact]
    public void Legacy_command_length_0xFFF_is_resolved_by_parsing_the_command()
    {
        var command = SectionBits.SpliceTime(new SectionBits(), 12345).ToArray();
        var descriptors = SectionBits.Descriptor(0x00, [0, 0, 0, 7]);
        var section = Scte35Decoder.Decode(SectionBits.Section(0x06, command, descriptors, commandLength: 0xFFF));

        section.SpliceCommandLength.Should().Be(0xFFF);
        section.SplicePts.Should().Be(12345);
        section.Descriptors.Should().ContainSingle().Which.Should().Be(new AvailDescriptor(0x43554549, 7));
    }

    [Fact]
    public void Dtmf_time_and_audio_descriptors()
    {
        var dtmf = SectionBits.Descriptor(0x01, new SectionBits().Put(177, 8).Put(4, 3).Put(0x1F, 5).Bytes("121#"u8).ToArray());
        var time = SectionBits.Descriptor(0x03, new SectionBits().Put(1_700_000_000, 48).Put(500, 32).Put(37, 16).ToArray());
        var audio = SectionBits.Descriptor(0x04, new SectionBits().Put(1, 4).Put(0xF, 4)
            .Put(0x11, 8).Bytes("eng"u8).Put(3, 3).Put(2, 4).Flag(true).ToArray());
        var section = Scte35Decoder.Decode(SectionBits.Section(0x00, [], [.. dtmf, .. time, .. audio]));

        section.Descriptors.Should().HaveCount(3);
        section.Descriptors[0].Should().Be(new DtmfDescriptor(0x43554549, 177, "121#"));
        section.Descriptors[1].Should().Be(new TimeDescriptor(0x43554549, 1_700_000_000, 500, 37));
        var audioDescriptor = section.Descriptors[2].Should().BeOfType<AudioDescriptor>().Subject;
        audioDescriptor.Components.Should().Equal(new AudioComponent(0x11, "eng", 3, 2, true));
    }

    [Fact]
    public void Segmentation_with_components_mid_upid_and_sub_segments()
    {
        var mid = new SectionBits()
            .Put(0x03, 8).Put(12, 8).Bytes("ABCD01234567"u8) // Ad-ID
            .Put(0x0F, 8).Put(9, 8).Bytes("urn:x:abc"u8) // URI
            .ToArray();
        var body = new SectionBits().Put(0x10203040, 32).Flag(false).Flag(true).Put(0x3F, 6)
            .Flag(false).Flag(true).Flag(true).Put(0x1F, 5) // component mode, duration, delivery not restricted
            .Put(1, 8).Put(0x44, 8).Put(0x7F, 7).Put(3003, 33)
            .Put(90_000L * 60, 40)
            .Put(0x0D, 8).Put((ulong)mid.Length, 8).Bytes(mid)
            .Put(0x36, 8).Put(1, 8).Put(2, 8).Put(3, 8).Put(4, 8)
            .ToArray();
        var section = Scte35Decoder.Decode(SectionBits.Section(0x06, SectionBits.SpliceTime(new SectionBits(), null).ToArray(), SectionBits.Descriptor(0x02, body)));

        var segmentation = section.SegmentationDescriptors.Should().ContainSingle().Subject;
        segmentation.EventIdCompliance.Should().BeTrue();
        segmentation.ProgramSegmentation.Should().BeFalse();
        segmentation.DeliveryNotRestricted.Should().BeTrue();
        segmentation.WebDeliveryAllowed.Should().BeNull();
        segmentation.Components.Should().Equal(new SegmentationComponent(0x44, 3003));
        segmentation.DurationSeconds.Should().Be(60);
        segmentation.Upid!.TypeName.Should().Be("MID");
        segmentation.Upid.Parts.Select(p => (p.TypeName, p.Text)).Should().Equal(("Ad-ID", "ABCD01234567"), ("URI", "urn:x:abc"));
        segmentation.SegmentationTypeName.Should().Be("Distributor Placement Opportunity Start");
        (segmentation.SegmentNum, segmentation.SegmentsExpected, segmentation.SubSegmentNum, segmentation.SubSegmentsExpected)
            .Should().Be((1, 2, 3, 4));
        section.SplicePts.Should().BeNull("time_signal without a time");
    }

    [Fact]
    public void Cancelled_segmentation_and_private_descriptors()
    {
        var cancelled = SectionBits.Descriptor(0x02, new SectionBits().Put(99, 32).Flag(true).Flag(false).Put(0x3F, 6).ToArray());
        var foreign = SectionBits.Descriptor(0x02, [1, 2, 3], identifier: 0x41424344);
        var section = Scte35Decoder.Decode(SectionBits.Section(0x00, [], [.. cancelled, .. foreign]));

        section.Descriptors[0].Should().BeOfType<SegmentationDescriptor>().Which.EventCancel.Should().BeTrue();
        section.Descriptors[1].Should().BeOfType<OpaqueSpliceDescriptor>().Which.Data.Should().Equal(1, 2, 3);
    }

    [Fact]
    public void Encrypted_section_reports_its_clear_header_only()
    {
        var bytes = SectionBits.Section(0x05, [1, 2, 3, 4, 5], NoDescriptors);
        bytes[4] |= 0x80; // encrypted_packet
        SectionBits.FixCrc(bytes);

        var section = Scte35Decoder.Decode(bytes);

        section.EncryptedPacket.Should().BeTrue();
        section.Command.Should().BeNull();
        section.CommandName.Should().Be("splice_insert");
    }

    [Fact]
    public void Trailing_stuffing_is_accepted_and_other_trailing_bytes_are_not()
    {
        var bytes = SectionBits.Section(0x00, [], NoDescriptors);

        Scte35Decoder.Decode([.. bytes, 0xFF, 0xFF]).Command.Should().BeOfType<SpliceNull>();
        var withJunk = () => Scte35Decoder.Decode([.. bytes, 0x00]);
        withJunk.Should().Throw<Scte35FormatException>().WithMessage("*not stuffing*");
    }

    public static TheoryData<string, byte[]> MalformedSections()
    {
        var good = Convert.FromBase64String(Scte35SpecSampleTests.SpliceInsertSample);
        var wrongTable = (byte[])good.Clone();
        wrongTable[0] = 0xFD;
        var tooLong = (byte[])good.Clone();
        tooLong[2] += 10;
        var badCommandLength = (byte[])good.Clone();
        badCommandLength[12] = 0x40; // splice_command_length 64 > what is left
        SectionBits.FixCrc(badCommandLength);
        var badDescriptorLength = (byte[])good.Clone();
        badDescriptorLength[good.Length - 13] = 0x30; // descriptor_length of the avail descriptor
        SectionBits.FixCrc(badDescriptorLength);
        var wrongProtocol = (byte[])good.Clone();
        wrongProtocol[3] = 1;
        SectionBits.FixCrc(wrongProtocol);
        return new TheoryData<string, byte[]>
        {
            { "empty", [] },
            { "two bytes", [0xFC, 0x30] },
            { "table id", wrongTable },
            { "section_length beyond the data", tooLong },
            { "truncated", good[..20] },
            { "command length", badCommandLength },
            { "descriptor length", badDescriptorLength },
            { "protocol version", wrongProtocol },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedSections))]
    public void Malformed_sections_throw_the_decoders_own_exception(string what, byte[] bytes)
    {
        var decode = () => Scte35Decoder.Decode(bytes);

        decode.Should().Throw<Scte35FormatException>(what).Which.Message.Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("0xZZ")]
    [InlineData("0xABC")]
    public void Bad_text_encodings_throw_the_decoders_own_exception(string text)
    {
        var decode = () => Scte35Decoder.DecodeText(text);

        decode.Should().Throw<Scte35FormatException>();
    }

    [Fact]
    public void Stream_time_mapping_takes_the_short_way_round_the_wrap()
    {
        SpliceTimeMapping.SecondsBetween((1L << 33) - 90_000, 90_000).Should().Be(2.0);
        SpliceTimeMapping.SecondsBetween(90_000, (1L << 33) - 90_000).Should().Be(-2.0);
        SpliceTimeMapping.ToStreamTime(pts: 1_000_000, referencePts: 910_000, referenceStreamTime: 40.0).Should().Be(41.0);
    }
}
