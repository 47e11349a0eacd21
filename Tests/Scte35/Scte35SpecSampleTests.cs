using Glance.Media.Scte35;

namespace Glance.Tests.Scte35;

/// <summary>
/// The sample messages of SCTE 35 section 14 ("Sample SCTE 35 Messages") decode to the fields the standard lists for them.
/// </summary>
public sealed class Scte35SpecSampleTests
{
    // 14.1 time_signal - Placement Opportunity Start
    internal const string TimeSignalPlacementOpportunityStart = "/DA0AAAAAAAA///wBQb+cr0AUAAeAhxDVUVJSAAAjn/PAAGlmbAICAAAAAAsoKGKNAIAmsnRfg==";

    // 14.2 splice_insert
    internal const string SpliceInsertSample = "/DAvAAAAAAAA///wFAVIAACPf+/+c2nALv4AUsz1AAAAAAAKAAhDVUVJAAABNWLbowo=";

    // 14.3 time_signal - Placement Opportunity End
    internal const string TimeSignalPlacementOpportunityEnd = "0xFC302F000000000000FFFFF00506FE746290A000190217435545494800008E7F9F0808000000002CA0A18A350200A9CC6758";

    // 14.4 time_signal - Program Start/End
    internal const string TimeSignalProgramStartEnd = "/DBIAAAAAAAA///wBQb+ek2ItgAyAhdDVUVJSAAAGH+fCAgAAAAALMvDRBEAAAIXQ1VFSUgAABl/nwgIAAAAACyk26AQAACZcuND";

    // 14.5 time_signal - Program Overlap Start
    internal const string TimeSignalProgramOverlapStart = "0xFC302F000000000000FFFFF00506FEAEBFFF640019021743554549480000087F9F0808000000002CA56CF5170000951DB0A8";

    // 14.6 time_signal - Program Blackout Override / Program End
    internal const string TimeSignalBlackoutOverrideProgramEnd = "0xFC3048000000000000FFFFF00506FE932E380B00320217435545494800000A7F9F0808000000002CA0A1E3180000021743554549480000097F9F0808000000002CA0A18A110000B4217EB0";

    // 14.7 time_signal - Program End
    internal const string TimeSignalProgramEnd = "0xFC302F000000000000FFFFF00506FEAEF17C4C0019021743554549480000077F9F0808000000002CA56C97110000C4876A2E";

    // 14.8 time_signal - Program Start/End - Placement Opportunity End
    internal const string TimeSignalProgramStartEndPlacementOpportunityEnd = "/DBhAAAAAAAA///wBQb+qM1E7QBLAhdDVUVJSAAArX+fCAgAAAAALLLXnTUCAAIXQ1VFSUgAACZ/nwgIAAAAACyy150RAAACF0NVRUlIAAAnf58ICAAAAAAsstezEAAAihiGnw==";

    internal static readonly string[] Samples =
    [
        TimeSignalPlacementOpportunityStart,
        SpliceInsertSample,
        TimeSignalPlacementOpportunityEnd,
        TimeSignalProgramStartEnd,
        TimeSignalProgramOverlapStart,
        TimeSignalBlackoutOverrideProgramEnd,
        TimeSignalProgramEnd,
        TimeSignalProgramStartEndPlacementOpportunityEnd,
    ];

    public static TheoryData<string> AllSamples => new(Samples);

    [Fact]
    public void Sample_14_1_time_signal_placement_opportunity_start()
    {
        var section = Scte35Decoder.DecodeText(TimeSignalPlacementOpportunityStart);

        section.TableId.Should().Be(0xFC);
        section.SapType.Should().Be(3);
        section.SectionLength.Should().Be(52);
        section.ProtocolVersion.Should().Be(0);
        section.EncryptedPacket.Should().BeFalse();
        section.PtsAdjustment.Should().Be(0);
        section.CwIndex.Should().Be(0xFF);
        section.Tier.Should().Be(0xFFF);
        section.SpliceCommandLength.Should().Be(5);
        section.SpliceCommandType.Should().Be(0x06);
        section.CommandName.Should().Be("time_signal");
        var timeSignal = section.Command.Should().BeOfType<TimeSignal>().Subject;
        timeSignal.SpliceTime.TimeSpecified.Should().BeTrue();
        timeSignal.SpliceTime.PtsTime.Should().Be(0x072BD0050).And.Be(1924989008);
        section.SplicePts.Should().Be(1924989008);
        section.Crc32.Should().Be(0x9AC9D17E);

        var segmentation = section.Descriptors.Should().ContainSingle().Which.Should().BeOfType<SegmentationDescriptor>().Subject;
        segmentation.Tag.Should().Be(2);
        segmentation.Identifier.Should().Be(0x43554549);
        segmentation.EventId.Should().Be(0x4800008E);
        segmentation.EventCancel.Should().BeFalse();
        segmentation.ProgramSegmentation.Should().BeTrue();
        segmentation.DeliveryNotRestricted.Should().BeFalse();
        segmentation.WebDeliveryAllowed.Should().BeFalse();
        segmentation.NoRegionalBlackout.Should().BeTrue();
        segmentation.ArchiveAllowed.Should().BeTrue();
        segmentation.DeviceRestrictions.Should().Be(3);
        segmentation.Duration.Should().Be(0x0001A599B0).And.Be(27630000);
        segmentation.DurationSeconds.Should().BeApproximately(307.0, 1e-9);
        segmentation.Upid!.Type.Should().Be(0x08);
        segmentation.Upid.TypeName.Should().Be("TI");
        segmentation.Upid.Value.Should().Equal(0x00, 0x00, 0x00, 0x00, 0x2C, 0xA0, 0xA1, 0x8A);
        segmentation.SegmentationTypeId.Should().Be(0x34);
        segmentation.SegmentationTypeName.Should().Be("Provider Placement Opportunity Start");
        segmentation.SegmentNum.Should().Be(2);
        segmentation.SegmentsExpected.Should().Be(0);
        segmentation.SubSegmentNum.Should().BeNull("the sample's descriptor ends after segments_expected");
    }

    [Fact]
    public void Sample_14_2_splice_insert()
    {
        var section = Scte35Decoder.DecodeText(SpliceInsertSample);

        section.SectionLength.Should().Be(47);
        section.SpliceCommandLength.Should().Be(20);
        section.CommandName.Should().Be("splice_insert");
        var insert = section.Command.Should().BeOfType<SpliceInsert>().Subject;
        insert.EventId.Should().Be(0x4800008F);
        insert.EventCancel.Should().BeFalse();
        insert.OutOfNetwork.Should().BeTrue();
        insert.ProgramSplice.Should().BeTrue();
        insert.DurationFlag.Should().BeTrue();
        insert.SpliceImmediate.Should().BeFalse();
        insert.SpliceTime!.PtsTime.Should().Be(0x07369C02E).And.Be(1936310318);
        (insert.SpliceTime.PtsTime!.Value / 90_000.0).Should().BeApproximately(21514.559089, 1e-6);
        insert.BreakDuration!.AutoReturn.Should().BeTrue();
        insert.BreakDuration.Duration.Should().Be(0x00052CCF5).And.Be(5426421);
        insert.BreakDuration.Seconds.Should().BeApproximately(60.293567, 1e-6);
        insert.UniqueProgramId.Should().Be(0);
        insert.AvailNum.Should().Be(0);
        insert.AvailsExpected.Should().Be(0);
        var avail = section.Descriptors.Should().ContainSingle().Which.Should().BeOfType<AvailDescriptor>().Subject;
        avail.ProviderAvailId.Should().Be(0x00000135).And.Be(309);
        section.Crc32.Should().Be(0x62DBA30A);
    }

    [Fact]
    public void Sample_14_3_time_signal_placement_opportunity_end()
    {
        var section = Scte35Decoder.DecodeText(TimeSignalPlacementOpportunityEnd);

        section.Command.Should().BeOfType<TimeSignal>().Which.SpliceTime.PtsTime.Should().Be(0x0746290A0).And.Be(1952616608);
        var segmentation = section.SegmentationDescriptors.Should().ContainSingle().Subject;
        segmentation.EventId.Should().Be(0x4800008E);
        segmentation.Duration.Should().BeNull();
        segmentation.WebDeliveryAllowed.Should().BeTrue();
        segmentation.NoRegionalBlackout.Should().BeTrue();
        segmentation.ArchiveAllowed.Should().BeTrue();
        segmentation.DeviceRestrictions.Should().Be(3);
        segmentation.Upid!.Hex.Should().Be("000000002CA0A18A");
        segmentation.SegmentationTypeId.Should().Be(0x35);
        segmentation.SegmentationTypeName.Should().Be("Provider Placement Opportunity End");
        segmentation.SegmentNum.Should().Be(2);
        segmentation.SegmentsExpected.Should().Be(0);
        section.Crc32.Should().Be(0xA9CC6758);
    }

    [Fact]
    public void Sample_14_4_time_signal_program_start_end()
    {
        var section = Scte35Decoder.DecodeText(TimeSignalProgramStartEnd);

        section.SectionLength.Should().Be(72);
        section.Command.Should().BeOfType<TimeSignal>().Which.SpliceTime.PtsTime.Should().Be(0x07A4D88B6).And.Be(2051901622);
        var descriptors = section.SegmentationDescriptors.ToList();
        descriptors.Should().HaveCount(2);
        descriptors[0].EventId.Should().Be(0x48000018);
        descriptors[0].SegmentationTypeName.Should().Be("Program End");
        descriptors[0].Upid!.Hex.Should().Be("000000002CCBC344");
        descriptors[1].EventId.Should().Be(0x48000019);
        descriptors[1].SegmentationTypeName.Should().Be("Program Start");
        descriptors[1].Upid!.Hex.Should().Be("000000002CA4DBA0");
        section.Crc32.Should().Be(0x9972E343);
    }

    [Fact]
    public void Sample_14_5_time_signal_program_overlap_start()
    {
        var section = Scte35Decoder.DecodeText(TimeSignalProgramOverlapStart);

        section.Command.Should().BeOfType<TimeSignal>().Which.SpliceTime.PtsTime.Should().Be(0x0AEBFFF64).And.Be(2931818340);
        var segmentation = section.SegmentationDescriptors.Should().ContainSingle().Subject;
        segmentation.EventId.Should().Be(0x48000008);
        segmentation.SegmentationTypeId.Should().Be(0x17);
        segmentation.SegmentationTypeName.Should().Be("Program Overlap Start");
        segmentation.Upid!.Hex.Should().Be("000000002CA56CF5");
        section.Crc32.Should().Be(0x951DB0A8);
    }

    [Fact]
    public void Sample_14_6_time_signal_program_blackout_override_and_program_end()
    {
        var section = Scte35Decoder.DecodeText(TimeSignalBlackoutOverrideProgramEnd);

        section.Command.Should().BeOfType<TimeSignal>().Which.SpliceTime.PtsTime.Should().Be(0x0932E380B).And.Be(2469279755);
        var descriptors = section.SegmentationDescriptors.ToList();
        descriptors.Select(d => (d.EventId, d.SegmentationTypeId, d.SegmentationTypeName)).Should().Equal(
            (0x4800000Au, 0x18, "Program Blackout Override"),
            (0x48000009u, 0x11, "Program End"));
        descriptors[0].Upid!.Hex.Should().Be("000000002CA0A1E3");
        descriptors[1].Upid!.Hex.Should().Be("000000002CA0A18A");
        section.Crc32.Should().Be(0xB4217EB0);
    }

    [Fact]
    public void Sample_14_7_time_signal_program_end()
    {
        var section = Scte35Decoder.DecodeText(TimeSignalProgramEnd);

        section.Command.Should().BeOfType<TimeSignal>().Which.SpliceTime.PtsTime.Should().Be(0x0AEF17C4C).And.Be(2935061580);
        var segmentation = section.SegmentationDescriptors.Should().ContainSingle().Subject;
        segmentation.EventId.Should().Be(0x48000007);
        segmentation.SegmentationTypeName.Should().Be("Program End");
        segmentation.Upid!.Hex.Should().Be("000000002CA56C97");
        section.Crc32.Should().Be(0xC4876A2E);
    }

    [Fact]
    public void Sample_14_8_time_signal_program_start_end_and_placement_opportunity_end()
    {
        var section = Scte35Decoder.DecodeText(TimeSignalProgramStartEndPlacementOpportunityEnd);

        section.SectionLength.Should().Be(97);
        section.Command.Should().BeOfType<TimeSignal>().Which.SpliceTime.PtsTime.Should().Be(0x0A8CD44ED).And.Be(2832024813);
        section.SegmentationDescriptors.Select(d => (d.EventId, d.SegmentationTypeId, d.SegmentNum, d.Upid!.Hex)).Should().Equal(
            (0x480000ADu, 0x35, 2, "000000002CB2D79D"),
            (0x48000026u, 0x11, 0, "000000002CB2D79D"),
            (0x48000027u, 0x10, 0, "000000002CB2D7B3"));
        section.Crc32.Should().Be(0x8A18869F);
    }

    [Theory]
    [MemberData(nameof(AllSamples))]
    public void Every_sample_fails_its_CRC_when_one_bit_changes(string sample)
    {
        var bytes = ToBytes(sample);
        bytes[^6] ^= 0x01;

        var decode = () => Scte35Decoder.Decode(bytes);

        decode.Should().Throw<Scte35FormatException>().WithMessage("*CRC_32 mismatch*");
    }

    [Theory]
    [MemberData(nameof(AllSamples))]
    public void Base64_and_hex_forms_of_a_sample_decode_alike(string sample)
    {
        var bytes = ToBytes(sample);

        var fromBase64 = Scte35Decoder.DecodeBase64(Convert.ToBase64String(bytes));
        var fromHex = Scte35Decoder.DecodeHex("0x" + Convert.ToHexString(bytes));

        fromHex.Crc32.Should().Be(fromBase64.Crc32);
        fromHex.SplicePts.Should().Be(fromBase64.SplicePts);
        fromHex.Descriptors.Count.Should().Be(fromBase64.Descriptors.Count);
    }

    internal static byte[] ToBytes(string sample) => sample.StartsWith("0x", StringComparison.Ordinal)
        ? Convert.FromHexString(sample[2..])
        : Convert.FromBase64String(sample);
}
