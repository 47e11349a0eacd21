using Glance.Media.Transport;
using Glance.Media.Transport.Checks;
using static Glance.Tests.Transport.Checks.CheckFamilyHarness;

namespace Glance.Tests.Transport.Checks;

/// <summary>TR 101 290 1.1 and 1.2, the framing family, alone.</summary>
public sealed class SyncCheckTests
{
    [Fact]
    public void Sync_is_acquired_only_on_five_sync_bytes_in_a_row()
    {
        var context = Context();
        var sync = new SyncCheck(context);
        var sink = new CountingSink();
        byte[][] packets = [Packet(0x100), Packet(0x100, 1), Packet(0x100, 2, syncByte: 0x48), Packet(0x100, 3), Packet(0x100, 4), Packet(0x100, 5)];

        var framed = sync.Frame(Concat(packets), ref sink);

        framed.Packets.Should().Be(0, "no run of five sync bytes starts anywhere in these six packets");
        framed.UnsyncedBytes.Should().Be(6 * 188);
        context.Errors.ToErrors().TotalCount.Should().Be(0);
    }

    [Fact]
    public void One_corrupted_sync_byte_is_a_sync_byte_error_and_the_packet_is_still_analysed()
    {
        var context = Context();
        var sync = new SyncCheck(context);
        var sink = new CountingSink();
        byte[][] packets = [.. Enumerable.Range(0, 5).Select(i => Packet(0x100, i)), Packet(0x100, 5, syncByte: 0x48), Packet(0x100, 6), Packet(0x100, 7)];
        var data = Concat(packets);

        var framed = sync.Frame(data, ref sink);

        framed.Packets.Should().Be(8);
        sink.Packets.Should().Be(8);
        context.Errors(TransportCheck.SyncByte).Should().Be(1);
        context.Errors(TransportCheck.SyncLoss).Should().Be(0);
        context.Errors.ToErrors().SyncByte.FirstOffset.Should().Be(5 * 188);
    }

    [Fact]
    public void Two_corrupted_sync_bytes_in_a_row_lose_sync_and_it_is_found_again_five_packets_on()
    {
        var context = Context();
        var sync = new SyncCheck(context);
        var sink = new CountingSink();
        byte[][] packets = [.. Enumerable.Range(0, 5).Select(i => Packet(0x100, i)), Packet(0x100, 5, syncByte: 0x00), Packet(0x100, 6, syncByte: 0x00),
            .. Enumerable.Range(7, 6).Select(i => Packet(0x100, i))];

        var framed = sync.Frame(Concat(packets), ref sink);

        context.Errors(TransportCheck.SyncLoss).Should().Be(1);
        context.Errors(TransportCheck.SyncByte).Should().Be(2);
        framed.Packets.Should().Be(5 + 6, "the two corrupted packets are dropped and the six after them are re-acquired");
        framed.UnsyncedBytes.Should().Be((2 * 188) - 1, "the search restarts one byte after the first corrupted packet");
    }

    [Fact]
    public void Junk_before_the_first_packet_and_after_the_last_is_counted_not_analysed()
    {
        var context = Context();
        var sync = new SyncCheck(context);
        var sink = new CountingSink();
        var data = Concat([1, 2, 3], Packet(0x100), Packet(0x100, 1), Packet(0x100, 2), Packet(0x100, 3), Packet(0x100, 4), [0x47, 9]);

        var framed = sync.Frame(data, ref sink);

        framed.Should().Be(new FramedSegment(5, 3, 2));
        context.Errors.ToErrors().TotalCount.Should().Be(0);
    }
}
