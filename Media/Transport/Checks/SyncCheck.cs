namespace Glance.Media.Transport.Checks;

/// <summary>
/// TR 101 290 1.1 TS_sync_loss and 1.2 Sync_byte_error, and the packet framing they decide. Sync is acquired on
/// <see cref="TransportAnalyzerOptions.SyncAcquirePackets"/> consecutive sync bytes (a segment that starts on one may be
/// shorter). A single corrupted sync byte is a bit error and the packet is analysed; when the next sync byte is corrupted
/// too the packet is dropped, and at <see cref="TransportAnalyzerOptions.SyncLossPackets"/> consecutive ones sync is
/// lost and re-acquired from the byte after the first corrupted one. Sync state carries from segment to segment.
/// </summary>
internal sealed class SyncCheck(TransportContext context)
{
    public const int PacketSize = 188;
    public const byte SyncByteValue = 0x47;

    private bool inSync;
    private int badSyncRun;

    public FramedSegment Frame<TSink>(ReadOnlySpan<byte> segment, ref TSink sink)
        where TSink : struct, IPacketSink
    {
        long packets = 0;
        long unsynced = 0;
        var trailing = 0;
        var position = 0;
        var length = segment.Length;
        while (true)
        {
            if (!inSync)
            {
                var found = FindSync(segment, position);
                if (found < 0)
                {
                    unsynced += length - position;
                    break;
                }

                unsynced += found - position;
                position = found;
                inSync = true;
                badSyncRun = 0;
            }

            if (length - position < PacketSize)
            {
                trailing = length - position;
                break;
            }

            context.At(position);
            if (segment[position] != SyncByteValue)
            {
                context.Record(TransportCheck.SyncByte);
                badSyncRun++;
                if (badSyncRun >= context.Options.SyncLossPackets)
                {
                    context.Record(TransportCheck.SyncLoss);
                    inSync = false;
                    var runStart = position - ((badSyncRun - 1) * PacketSize);
                    badSyncRun = 0;
                    position = Math.Max(runStart + 1, 0);
                    continue;
                }

                var next = position + PacketSize;
                if (next < length && segment[next] != SyncByteValue)
                {
                    // The next sync byte is wrong too: alignment is lost, this is no packet.
                    position = next;
                    continue;
                }
            }
            else
            {
                badSyncRun = 0;
            }

            packets++;
            sink.OnPacket(segment.Slice(position, PacketSize));
            position += PacketSize;
        }

        return new FramedSegment(packets, unsynced, trailing);
    }

    /// <summary>The next segment does not continue this one: a corrupted run does not carry over.</summary>
    public void Restart() => badSyncRun = 0;

    private int FindSync(ReadOnlySpan<byte> data, int from)
    {
        var p = from;
        while (p < data.Length)
        {
            var index = data[p..].IndexOf(SyncByteValue);
            if (index < 0)
            {
                return -1;
            }

            p += index;
            var available = (data.Length - p) / PacketSize;
            if (available == 0)
            {
                return -1;
            }

            var needed = p == 0 ? Math.Min(context.Options.SyncAcquirePackets, available) : context.Options.SyncAcquirePackets;
            if (needed <= available && RunOfSyncBytes(data, p, needed))
            {
                return p;
            }

            p++;
        }

        return -1;
    }

    private static bool RunOfSyncBytes(ReadOnlySpan<byte> data, int from, int count)
    {
        for (var k = 1; k < count; k++)
        {
            if (data[from + (k * PacketSize)] != SyncByteValue)
            {
                return false;
            }
        }

        return true;
    }
}
