using Glance.Media.Transport;
using static Glance.Tests.Transport.TransportMediaFixture;

namespace Glance.Tests.Transport;

/// <summary>
/// Faults injected into a clean ffmpeg stream (PCR every 33 ms, PAT/PMT every 100 ms) are counted exactly: each test says
/// which checks must fire how often, and every other check must stay at zero.
/// </summary>
[Collection(TransportMediaCollection.Name)]
public sealed class TransportCorruptionTests(TransportMediaFixture media)
{
    private List<TsPacketInfo> Info => TsPacketInfo.ReadAll(media.CompliantTs, VideoPid);

    [Fact]
    public void The_clean_stream_has_no_errors()
    {
        var report = Analyze(media.CompliantTs);

        report.Errors.TotalCount.Should().Be(0);
        report.Packets.Should().Be(media.CompliantTs.Length / 188);
        report.UnsyncedBytes.Should().Be(0);
        report.TrailingBytes.Should().Be(0);
        report.PcrPid.Should().Be(VideoPid);
    }

    [Fact]
    public void Transport_error_indicators_are_counted_one_per_packet()
    {
        var targets = Info.Where(p => p.Time > 0.5).GroupBy(p => p.Pid).SelectMany(g => g.Take(2)).Select(p => p.Index).Order().ToList();
        var corrupter = new TsCorrupter(media.CompliantTs);
        targets.ForEach(corrupter.FlipTransportErrorIndicator);

        var report = Analyze(corrupter.Build());

        ExpectExactly(report, (TransportCheck.Transport, targets.Count));
        report.Errors.Transport.FirstOffset.Should().Be(targets[0] * 188L);
        targets.Count.Should().BeGreaterThanOrEqualTo(8, "PAT, PMT, SDT, video and audio packets are hit");
    }

    [Fact]
    public void Isolated_sync_byte_errors_do_not_lose_sync_or_the_packet()
    {
        var targets = Spaced(Info.Where(p => p.Time > 0.3), 5);
        var corrupter = new TsCorrupter(media.CompliantTs);
        targets.ForEach(corrupter.CorruptSyncByte);

        var report = Analyze(corrupter.Build());

        ExpectExactly(report, (TransportCheck.SyncByte, 5));
        report.Packets.Should().Be(media.CompliantTs.Length / 188);
    }

    [Fact]
    public void Two_consecutive_corrupted_sync_bytes_lose_sync_and_the_two_packets()
    {
        var info = Info;
        var first = info.First(p => p.Time > 2 && IsPlainVideo(p) && IsPlainVideo(info[p.Index + 1]));
        var corrupter = new TsCorrupter(media.CompliantTs);
        corrupter.CorruptSyncByte(first.Index);
        corrupter.CorruptSyncByte(first.Index + 1);

        var report = Analyze(corrupter.Build());

        // Both lost packets are video: the next video packet's counter jumps once.
        ExpectExactly(report, (TransportCheck.SyncByte, 2), (TransportCheck.SyncLoss, 1), (TransportCheck.Continuity, 1));
        report.Errors.SyncLoss.FirstOffset.Should().Be((first.Index + 1) * 188L);
        report.UnsyncedBytes.Should().Be((2 * 188) - 1, "the search restarts one byte after the first corrupted sync byte");
        report.Packets.Should().Be((media.CompliantTs.Length / 188) - 2);
    }

    [Fact]
    public void Dropped_packets_are_continuity_errors()
    {
        var info = Info;
        var video = Spaced(info.Where(p => p.Time > 0.5 && IsPlainVideo(p)), 6);
        var audio = Spaced(info.Where(p => p.Time > 0.5 && p.Pid == AudioPid && !p.UnitStart && p.HasPayload), 3);
        var corrupter = new TsCorrupter(media.CompliantTs);
        video.Concat(audio).ToList().ForEach(corrupter.Drop);

        var report = Analyze(corrupter.Build());

        ExpectExactly(report, (TransportCheck.Continuity, 9));
    }

    [Fact]
    public void A_skewed_counter_is_one_error_per_jump()
    {
        var info = Info;
        var corrupter = new TsCorrupter(media.CompliantTs);
        corrupter.SkewContinuity(VideoPid, info.First(p => p.Time > 1 && p.Pid == VideoPid).Index, by: 5);
        corrupter.SkewContinuity(AudioPid, info.First(p => p.Time > 3 && p.Pid == AudioPid).Index, by: 3);
        corrupter.SkewContinuity(PmtPid, info.First(p => p.Time > 4 && p.Pid == PmtPid).Index, by: 9);

        var report = Analyze(corrupter.Build());

        ExpectExactly(report, (TransportCheck.Continuity, 3));
    }

    [Fact]
    public void One_duplicate_is_allowed_a_second_is_an_error()
    {
        var targets = Spaced(Info.Where(p => p.Time > 1 && IsPlainVideo(p)), 2);
        var corrupter = new TsCorrupter(media.CompliantTs);
        corrupter.InsertAfter(targets[0], corrupter.Packet(targets[0]));
        corrupter.InsertAfter(targets[1], corrupter.Packet(targets[1]));
        corrupter.InsertAfter(targets[1], corrupter.Packet(targets[1]));

        var report = Analyze(corrupter.Build());

        ExpectExactly(report, (TransportCheck.Continuity, 1));
    }

    [Fact]
    public void A_packet_without_payload_must_not_increment_the_counter()
    {
        var targets = Spaced(Info.Where(p => p.Time > 1 && IsPlainVideo(p)), 2);
        var corrupter = new TsCorrupter(media.CompliantTs);
        var cc0 = corrupter.Packet(targets[0])[3] & 0x0F;
        var cc1 = corrupter.Packet(targets[1])[3] & 0x0F;
        corrupter.InsertAfter(targets[0], AdaptationOnlyPacket(VideoPid, cc0));
        corrupter.InsertAfter(targets[1], AdaptationOnlyPacket(VideoPid, (cc1 + 1) & 0x0F));

        var report = Analyze(corrupter.Build());

        // The second one increments: one error there; the next payload packet then repeats its counter (a duplicate).
        ExpectExactly(report, (TransportCheck.Continuity, 1));
    }

    [Fact]
    public void The_discontinuity_indicator_allows_a_counter_jump()
    {
        var info = Info;
        var target = info.First(p => p.Time > 2 && p.Pid == VideoPid && p.HasAdaptation && p.AdaptationLength >= 1 && !p.HasPcr);
        var corrupter = new TsCorrupter(media.CompliantTs);
        corrupter.SetDiscontinuityIndicator(target.Index);
        corrupter.SkewContinuity(VideoPid, target.Index, by: 7);

        var report = Analyze(corrupter.Build());

        ExpectExactly(report);
    }

    [Fact]
    public void A_PAT_missing_for_about_1_3_s_is_two_PAT_errors()
    {
        var info = Info;
        var corrupter = new TsCorrupter(media.CompliantTs);
        var removed = corrupter.RemovePid(0, info, 2.0, 3.2);
        var before = info.Last(p => p.Pid == 0 && p.Time < 2.0).Time;
        var after = info.First(p => p.Pid == 0 && p.Time >= 3.2).Time;

        var report = Analyze(corrupter.Build());

        removed.Should().BeGreaterThan(8);
        (after - before).Should().BeInRange(1.2, 1.45, "the gap must stay between 2 and 3 periods of 0.5 s for the count to be 2");
        ExpectExactly(report, (TransportCheck.Pat, 2));
        (report.Errors.Pat.FirstTime!.Value - FirstPcrSeconds(media.CompliantTs)).Should().BeApproximately(before + 0.5, 0.05);
    }

    [Fact]
    public void A_stream_without_any_PAT_has_PAT_errors_and_nothing_that_needs_the_PAT()
    {
        var info = Info;
        var corrupter = new TsCorrupter(media.CompliantTs);
        corrupter.RemovePid(0, info, 0, double.MaxValue);

        var report = Analyze(corrupter.Build());

        report.Errors.Pat.Count.Should().BeInRange(9, 11, "about 5.3 s of PCR with one error per 0.5 s (+ one PCR interval)");
        report.Errors.TotalCount.Should().Be(report.Errors.Pat.Count);
        report.Pids.Single(p => p.Pid == PmtPid).Kind.Should().Be(PidKind.Unreferenced);
    }

    [Fact]
    public void A_PMT_missing_for_about_1_3_s_is_two_PMT_errors()
    {
        var corrupter = new TsCorrupter(media.CompliantTs);
        corrupter.RemovePid(PmtPid, Info, 2.0, 3.2);

        var report = Analyze(corrupter.Build());

        ExpectExactly(report, (TransportCheck.Pmt, 2));
    }

    [Fact]
    public void Flipped_bits_in_PAT_PMT_and_SDT_sections_are_CRC_errors()
    {
        var info = Info;
        var pats = info.Where(p => p.Pid == 0 && p.Time > 0.5).Where((_, i) => i % 5 == 0).Take(4).Select(p => p.Index).ToList();
        var pmts = info.Where(p => p.Pid == PmtPid && p.Time > 0.5).Where((_, i) => i % 5 == 2).Take(3).Select(p => p.Index).ToList();
        var sdt = info.First(p => p.Pid == 0x11 && p.Time > 1).Index;
        var corrupter = new TsCorrupter(media.CompliantTs);
        foreach (var index in pats.Concat(pmts).Append(sdt))
        {
            corrupter.FlipBit(index, byteIndex: 9, bit: 2); // inside the section after pointer_field: not the table_id, not the length
        }

        var report = Analyze(corrupter.Build());

        ExpectExactly(report, (TransportCheck.Crc, 8));
    }

    [Fact]
    public void A_foreign_table_on_PID_0_and_scrambled_PAT_or_PMT_packets_are_PAT_and_PMT_errors()
    {
        var info = Info;
        var pats = info.Where(p => p.Pid == 0 && p.Time > 0.5).Select(p => p.Index).ToList();
        var pmt = info.First(p => p.Pid == PmtPid && p.Time > 3).Index;
        var corrupter = new TsCorrupter(media.CompliantTs);
        var foreign = corrupter.Packet(pats[3]);
        foreign[5] = 0x01; // table_id of a CAT, with a correct CRC
        var crc = Mpeg2Crc32.Compute(foreign.AsSpan(5, 3 + foreign[7] - 4));
        foreign[5 + 3 + foreign[7] - 4] = (byte)(crc >> 24);
        foreign[5 + 3 + foreign[7] - 3] = (byte)(crc >> 16);
        foreign[5 + 3 + foreign[7] - 2] = (byte)(crc >> 8);
        foreign[5 + 3 + foreign[7] - 1] = (byte)crc;
        corrupter.Packet(pats[20])[3] |= 0x80; // transport_scrambling_control = 10
        corrupter.Packet(pmt)[3] |= 0xC0;

        var report = Analyze(corrupter.Build());

        ExpectExactly(report, (TransportCheck.Pat, 2), (TransportCheck.Pmt, 1));
    }

    [Fact]
    public void Flipped_bits_in_elementary_payload_are_not_transport_errors()
    {
        var targets = Spaced(Info.Where(p => p.Time > 0.5 && IsPlainVideo(p)), 50);
        var corrupter = new TsCorrupter(media.CompliantTs);
        var random = new Random(7);
        foreach (var index in targets)
        {
            corrupter.FlipBit(index, random.Next(8, 188), random.Next(8));
        }

        ExpectExactly(Analyze(corrupter.Build()));
    }

    [Fact]
    public void A_missing_PCR_is_a_repetition_error_three_missing_also_a_discontinuity()
    {
        var pcrs = Info.Where(p => p.HasPcr && p.Pid == VideoPid && p.Time > 1).Select(p => p.Index).ToList();
        var corrupter = new TsCorrupter(media.CompliantTs);
        corrupter.RemovePcr(pcrs[0]);
        corrupter.RemovePcr(pcrs[40]);
        corrupter.RemovePcr(pcrs[41]);
        corrupter.RemovePcr(pcrs[42]);

        var report = Analyze(corrupter.Build());

        // 66 ms gap: over 40 ms; 133 ms gap: over 40 ms and over 100 ms.
        ExpectExactly(report, (TransportCheck.PcrRepetition, 2), (TransportCheck.PcrDiscontinuity, 1));
    }

    [Fact]
    public void A_PCR_limit_of_100_ms_accepts_a_66_ms_gap()
    {
        var pcrs = Info.Where(p => p.HasPcr && p.Pid == VideoPid && p.Time > 1).Select(p => p.Index).ToList();
        var corrupter = new TsCorrupter(media.CompliantTs);
        corrupter.RemovePcr(pcrs[0]);

        var report = Analyze(corrupter.Build(), new TransportAnalyzerOptions { PcrRepetitionLimit = TimeSpan.FromMilliseconds(100) });

        ExpectExactly(report);
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    public void A_time_base_jump_is_a_discontinuity_unless_signalled(bool signalled, int expected)
    {
        var pcrs = Info.Where(p => p.HasPcr && p.Pid == VideoPid && p.Time > 2).Select(p => p.Index).ToList();
        var corrupter = new TsCorrupter(media.CompliantTs);
        foreach (var index in pcrs)
        {
            corrupter.SetPcr(index, TsCorrupter.ReadPcr(corrupter.Packet(index)) + (5L * 27_000_000));
        }

        if (signalled)
        {
            corrupter.SetDiscontinuityIndicator(pcrs[0]);
        }

        var report = Analyze(corrupter.Build());

        ExpectExactly(report, (TransportCheck.PcrDiscontinuity, expected));
    }

    [Fact]
    public void Video_without_PTS_for_0_9_s_is_one_PTS_error()
    {
        var info = Info;
        var corrupter = new TsCorrupter(media.CompliantTs);
        foreach (var pes in info.Where(p => p.Pid == VideoPid && p.UnitStart && p.Time >= 2.0 && p.Time < 2.9))
        {
            corrupter.ClearPts(pes.Index, 4 + (pes.HasAdaptation ? 1 + pes.AdaptationLength : 0));
        }

        var report = Analyze(corrupter.Build());

        ExpectExactly(report, (TransportCheck.Pts, 1));
    }

    [Fact]
    public void An_audio_PID_absent_for_over_the_timeout_is_one_PID_error()
    {
        var corrupter = new TsCorrupter(media.CompliantTs);
        var removed = corrupter.RemovePid(AudioPid, Info, 2.0, 4.0);
        var options = new TransportAnalyzerOptions { PidTimeout = TimeSpan.FromSeconds(1.5), PtsRepetitionLimit = TimeSpan.FromSeconds(10) };

        var report = Analyze(corrupter.Build(), options);

        // Audio comes in bursts about every 0.33 s: the gap is between 2.0 and 2.4 s, one timeout of 1.5 s.
        removed.Should().BeGreaterThan(0);
        ExpectExactly(report, (TransportCheck.Pid, 1));
    }

    [Fact]
    public void Video_absent_for_0_8_s_costs_its_PID_PTS_and_PCR_checks()
    {
        var corrupter = new TsCorrupter(media.CompliantTs);
        var info = Info;
        foreach (var packet in info.Where(p => p.Pid == VideoPid && p.Time >= 2.0 && p.Time < 2.8))
        {
            corrupter.ReplaceWithNull(packet.Index);
        }

        var report = Analyze(corrupter.Build());

        // The PCR rides on the video PID: its 0.83 s gap is a repetition and a discontinuity; the counter jumps once;
        // at the next PCR the clock has moved 0.83 s, past the PID timeout (0.5 s) and the PTS limit (0.7 s).
        ExpectExactly(report,
            (TransportCheck.Continuity, 1),
            (TransportCheck.PcrRepetition, 1),
            (TransportCheck.PcrDiscontinuity, 1),
            (TransportCheck.Pid, 1),
            (TransportCheck.Pts, 1));
    }

    [Fact]
    public void State_carries_across_segments_of_one_stream()
    {
        var parts = Split(media.CompliantTs, 3);
        var analyzer = new TransportStreamAnalyzer();

        var reports = parts.Select(p => analyzer.Analyze(p)).ToList();

        reports.Should().AllSatisfy(r => r.Errors.TotalCount.Should().Be(0));
        reports.Sum(r => r.Packets).Should().Be(media.CompliantTs.Length / 188);
        var video = reports.Select(r => r.Pids.Single(p => p.Pid == VideoPid)).ToList();
        video[1].MinPts.Should().BeGreaterThan(video[0].MinPts!.Value);
    }

    [Fact]
    public void A_packet_lost_at_a_segment_boundary_is_seen_in_the_next_segment()
    {
        var parts = Split(media.CompliantTs, 3);
        var secondStart = parts[0].Length / 188;
        var info = Info;
        var lost = info.Skip(secondStart).First(IsPlainVideo);
        var corrupter = new TsCorrupter(media.CompliantTs);
        corrupter.ReplaceWithNull(lost.Index);
        var corrupted = corrupter.Build();
        var analyzer = new TransportStreamAnalyzer();

        var reports = new[] { corrupted[..parts[0].Length], corrupted[parts[0].Length..(parts[0].Length + parts[1].Length)] }
            .Select(p => analyzer.Analyze(p)).ToList();

        ExpectExactly(reports[0]);
        ExpectExactly(reports[1], (TransportCheck.Continuity, 1));
    }

    [Fact]
    public void Sync_is_lost_across_a_segment_boundary()
    {
        var parts = Split(media.CompliantTs, 2);
        var info = Info;
        var lastOfFirst = (parts[0].Length / 188) - 1;
        var corrupter = new TsCorrupter(media.CompliantTs);
        corrupter.CorruptSyncByte(lastOfFirst);
        corrupter.CorruptSyncByte(lastOfFirst + 1);
        var corrupted = corrupter.Build();
        var analyzer = new TransportStreamAnalyzer();

        var first = analyzer.Analyze(corrupted.AsSpan(0, parts[0].Length));
        var second = analyzer.Analyze(corrupted.AsSpan(parts[0].Length));

        // The last packet of the first segment cannot be checked against the next sync byte: it is analysed.
        ExpectExactly(first, (TransportCheck.SyncByte, 1));
        var lostPacket = info[lastOfFirst + 1];
        var lostCounts = lostPacket.HasPayload && info.Skip(lostPacket.Index + 1).Any(p => p.Pid == lostPacket.Pid) ? 1 : 0;
        ExpectExactly(second, (TransportCheck.SyncByte, 1), (TransportCheck.SyncLoss, 1), (TransportCheck.Continuity, lostCounts));
        second.UnsyncedBytes.Should().Be(188);
    }

    [Fact]
    public void A_marked_discontinuity_forgets_counters_and_clock()
    {
        var parts = Split(media.CompliantTs, 3);
        var marked = new TransportStreamAnalyzer();
        var unmarked = new TransportStreamAnalyzer();
        marked.Analyze(parts[0]);
        unmarked.Analyze(parts[0]);

        marked.MarkDiscontinuity();
        var afterMark = marked.Analyze(parts[2]);
        var withoutMark = unmarked.Analyze(parts[2]);

        ExpectExactly(afterMark);
        withoutMark.Errors.Continuity.Count.Should().BeGreaterThan(0);
        withoutMark.Errors.PcrDiscontinuity.Count.Should().Be(1, "the PCR jumps by the skipped segment's length, over 1 s");
    }

    internal static TransportSegmentReport Analyze(byte[] ts, TransportAnalyzerOptions? options = null) =>
        new TransportStreamAnalyzer(options).Analyze(ts);

    internal static void ExpectExactly(TransportSegmentReport report, params (TransportCheck Check, int Count)[] expected)
    {
        foreach (var check in Enum.GetValues<TransportCheck>())
        {
            var want = expected.Where(e => e.Check == check).Sum(e => e.Count);
            report.Errors[check].Count.Should().Be(want, $"{check} should fire {want} times");
        }
    }

    internal static double FirstPcrSeconds(byte[] ts)
    {
        var first = TsPacketInfo.ReadAll(ts, VideoPid).First(p => p.HasPcr && p.Pid == VideoPid).Index;
        return TsCorrupter.ReadPcr(ts.AsSpan(first * 188, 188).ToArray()) / 300 / 90_000.0;
    }

    private static bool IsPlainVideo(TsPacketInfo p) => p.Pid == VideoPid && p.HasPayload && !p.UnitStart && !p.HasPcr;

    /// <summary><paramref name="count"/> packets spread evenly over the candidates (never neighbours).</summary>
    private static List<int> Spaced(IEnumerable<TsPacketInfo> candidates, int count)
    {
        var list = candidates.ToList();
        var step = list.Count / (count + 1);
        step.Should().BeGreaterThan(2, "there must be enough candidates to keep the faults apart");
        return Enumerable.Range(1, count).Select(i => list[i * step].Index).ToList();
    }

    private static byte[] AdaptationOnlyPacket(int pid, int cc)
    {
        var packet = new byte[188];
        Array.Fill(packet, (byte)0xFF);
        packet[0] = 0x47;
        packet[1] = (byte)(pid >> 8);
        packet[2] = (byte)pid;
        packet[3] = (byte)(0x20 | cc);
        packet[4] = 183;
        packet[5] = 0x00;
        return packet;
    }

    internal static List<byte[]> Split(byte[] ts, int parts)
    {
        var packets = ts.Length / 188;
        var result = new List<byte[]>();
        for (var i = 0; i < parts; i++)
        {
            var start = packets * i / parts * 188;
            var end = packets * (i + 1) / parts * 188;
            result.Add(ts[start..end]);
        }

        return result;
    }
}
