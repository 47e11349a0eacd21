using Glance.Media.Scte35;
using Glance.Media.Transport;
using Glance.Tests.Scte35;
using static Glance.Tests.Transport.TransportCorruptionTests;
using static Glance.Tests.Transport.TransportMediaFixture;

namespace Glance.Tests.Transport;

/// <summary>
/// SCTE-35 sections carried on a PID of stream type 0x86 (added to ffmpeg's PMT, packets inserted into its stream) are
/// found, decoded and placed in presentation time.
/// </summary>
[Collection(TransportMediaCollection.Name)]
public sealed class Scte35TransportTests(TransportMediaFixture media)
{
    private const int CuePid = 0x1F0;

    [Fact]
    public void Splice_sections_on_a_stream_type_0x86_PID_are_decoded_with_their_place_in_time()
    {
        var info = TsPacketInfo.ReadAll(media.CompliantTs, VideoPid);
        var corrupter = new TsCorrupter(media.CompliantTs);
        foreach (var pmt in info.Where(p => p.Pid == PmtPid))
        {
            AddCueStreamToPmt(corrupter.Packet(pmt.Index));
        }

        var timeSignal = Scte35SpecSampleTests.ToBytes(Scte35SpecSampleTests.TimeSignalPlacementOpportunityStart);
        var immediateInsert = SectionBits.Section(0x05, new SectionBits().Put(4242, 32).Flag(false).Put(0x7F, 7)
            .Flag(true).Flag(true).Flag(true).Flag(true).Flag(false).Put(7, 3)
            .Flag(true).Put(0x3F, 6).Put(90_000 * 30, 33).Put(1, 16).Put(1, 8).Put(1, 8).ToArray(), []);
        var large = LargeTimeSignal();
        var badCrc = (byte[])timeSignal.Clone();
        badCrc[^1] ^= 0xFF;

        var at = new[] { 1.5, 3.0, 4.0, 4.5 }.Select(t => info.First(p => p.Time >= t && p.Pid == AudioPid).Index).ToArray();
        var cc = 0;
        var sections = new[] { timeSignal, immediateInsert, large, badCrc };
        for (var i = 0; i < sections.Length; i++)
        {
            foreach (var packet in Packetize(sections[i], ref cc))
            {
                corrupter.InsertAfter(at[i], packet);
            }
        }

        var stream = corrupter.Build();
        var report = Analyze(stream);

        ExpectExactly(report);
        large.Length.Should().BeGreaterThan(184, "this section must span packets");
        report.Pids.Single(p => p.Pid == CuePid).Kind.Should().Be(PidKind.Scte35);
        report.Cues.Should().HaveCount(4);
        report.Cues.Should().OnlyContain(c => c.Pid == CuePid);

        var first = report.Cues[0];
        first.ByteOffset.Should().Be((at[0] + 1) * 188L);
        first.Section!.SegmentationDescriptors.Single().SegmentationTypeId.Should().Be(0x34);
        first.EffectivePts.Should().Be(1924989008, "a time_signal happens at its splice time");
        first.ArrivalPts.Should().Be(NextVideoPts(stream, first.ByteOffset));

        var immediate = report.Cues[1];
        immediate.Section!.Command.Should().BeOfType<SpliceInsert>().Which.SpliceImmediate.Should().BeTrue();
        immediate.ArrivalPts.Should().Be(NextVideoPts(stream, immediate.ByteOffset));
        immediate.EffectivePts.Should().Be(immediate.ArrivalPts, "an immediate splice happens where it arrives");

        report.Cues[2].Section!.SegmentationDescriptors.Should().HaveCount(4);
        report.Cues[2].Error.Should().BeNull();

        report.Cues[3].Section.Should().BeNull();
        report.Cues[3].Error.Should().Contain("CRC_32");

        var video = report.Pids.Single(p => p.Pid == VideoPid);
        var streamTime = SpliceTimeMapping.ToStreamTime(immediate.EffectivePts!.Value, video.FirstPts!.Value, 0);
        streamTime.Should().BeApproximately(info[at[1]].Time, 0.15, "the splice_insert went in at that PCR time, and PTS runs with PCR");
    }

    [Fact]
    public void A_cue_PID_packet_lost_mid_section_drops_that_section_only()
    {
        var info = TsPacketInfo.ReadAll(media.CompliantTs, VideoPid);
        var corrupter = new TsCorrupter(media.CompliantTs);
        foreach (var pmt in info.Where(p => p.Pid == PmtPid))
        {
            AddCueStreamToPmt(corrupter.Packet(pmt.Index));
        }

        var cc = 0;
        var large = Packetize(LargeTimeSignal(), ref cc);
        var after = info.First(p => p.Time >= 2 && p.Pid == AudioPid).Index;
        corrupter.InsertAfter(after, large[0]); // its second packet is lost
        var next = Packetize(Scte35SpecSampleTests.ToBytes(Scte35SpecSampleTests.SpliceInsertSample), ref cc);
        corrupter.InsertAfter(after + 50, next[0]);

        var report = Analyze(corrupter.Build());

        ExpectExactly(report, (TransportCheck.Continuity, 1));
        report.Cues.Should().ContainSingle().Which.Section!.Command.Should().BeOfType<SpliceInsert>();
    }

    /// <summary>Appends (stream_type 0x86, PID 0x1F0, no descriptors) to the PMT section in this packet and fixes its CRC.</summary>
    internal static void AddCueStreamToPmt(byte[] packet)
    {
        (packet[1] & 0x40).Should().NotBe(0, "ffmpeg's PMT starts and ends in one packet");
        var start = 5 + packet[4];
        var sectionLength = ((packet[start + 1] & 0x0F) << 8) | packet[start + 2];
        var crcAt = start + 3 + sectionLength - 4;
        byte[] entry = [0x86, (byte)(0xE0 | (CuePid >> 8)), (byte)(CuePid & 0xFF), 0xF0, 0x00];
        Array.Copy(packet, crcAt, packet, crcAt + entry.Length, 4);
        entry.CopyTo(packet, crcAt);
        sectionLength += entry.Length;
        packet[start + 1] = (byte)((packet[start + 1] & 0xF0) | (sectionLength >> 8));
        packet[start + 2] = (byte)sectionLength;
        var crc = Mpeg2Crc32.Compute(packet.AsSpan(start, 3 + sectionLength - 4));
        var crcOffset = start + 3 + sectionLength - 4;
        packet[crcOffset] = (byte)(crc >> 24);
        packet[crcOffset + 1] = (byte)(crc >> 16);
        packet[crcOffset + 2] = (byte)(crc >> 8);
        packet[crcOffset + 3] = (byte)crc;
    }

    internal static List<byte[]> Packetize(byte[] section, ref int cc)
    {
        var packets = new List<byte[]>();
        var payload = new byte[] { 0x00 }.Concat(section).ToArray(); // pointer_field
        for (var offset = 0; offset < payload.Length; offset += 184)
        {
            var packet = new byte[188];
            Array.Fill(packet, (byte)0xFF);
            packet[0] = 0x47;
            packet[1] = (byte)((offset == 0 ? 0x40 : 0x00) | (CuePid >> 8));
            packet[2] = CuePid & 0xFF;
            packet[3] = (byte)(0x10 | (cc++ & 0x0F));
            payload.AsSpan(offset, Math.Min(184, payload.Length - offset)).CopyTo(packet.AsSpan(4));
            packets.Add(packet);
        }

        return packets;
    }

    internal static byte[] LargeTimeSignal()
    {
        var descriptors = new List<byte>();
        for (var i = 0; i < 4; i++)
        {
            var uri = System.Text.Encoding.ASCII.GetBytes($"urn:uuid:0000000{i}-5c43-4b6a-bebb-ee3b13eb7999");
            descriptors.AddRange(SectionBits.Descriptor(0x02, new SectionBits().Put((ulong)(100 + i), 32).Flag(false).Flag(true).Put(0x3F, 6)
                .Flag(true).Flag(false).Flag(true).Put(0x1F, 5)
                .Put(0x0F, 8).Put((ulong)uri.Length, 8).Bytes(uri).Put(0x10, 8).Put(0, 8).Put(0, 8).ToArray()));
        }

        return SectionBits.Section(0x06, SectionBits.SpliceTime(new SectionBits(), 900_000).ToArray(), [.. descriptors]);
    }

    /// <summary>The PTS of the first video PES that starts after <paramref name="offset"/>, read by the test itself.</summary>
    private static long NextVideoPts(byte[] ts, long offset)
    {
        for (var at = (int)offset + 188; at + 188 <= ts.Length; at += 188)
        {
            var p = ts.AsSpan(at, 188);
            if ((((p[1] & 0x1F) << 8) | p[2]) != VideoPid || (p[1] & 0x40) == 0)
            {
                continue;
            }

            var pes = (p[3] & 0x20) != 0 ? 5 + p[4] : 4;
            return ((long)((p[pes + 9] >> 1) & 7) << 30) | ((long)p[pes + 10] << 22) | ((long)(p[pes + 11] >> 1) << 15)
                | ((long)p[pes + 12] << 7) | ((long)p[pes + 13] >> 1);
        }

        throw new InvalidOperationException("No video PES after the offset.");
    }
}
