using Glance.Media.Transport;
using Glance.Media.Transport.Checks;

namespace Glance.Tests.Transport.Checks;

/// <summary>Builds what one check family needs to run alone: a context, a PID, packets and sections.</summary>
internal static class CheckFamilyHarness
{
    public static TransportContext Context(TransportAnalyzerOptions? options = null) => new(options ?? new TransportAnalyzerOptions());

    public static int Errors(this TransportContext context, TransportCheck check) => context.Errors.Count(check);

    /// <summary>27 MHz ticks of <paramref name="milliseconds"/>.</summary>
    public static long Ms(double milliseconds) => (long)(milliseconds * 27_000);

    /// <summary>A packet on <paramref name="pid"/> with the given continuity counter and a payload of 0xFF bytes.</summary>
    public static byte[] Packet(int pid, int counter = 0, byte syncByte = 0x47)
    {
        var packet = new byte[188];
        Array.Fill(packet, (byte)0xFF);
        packet[0] = syncByte;
        packet[1] = (byte)((pid >> 8) & 0x1F);
        packet[2] = (byte)pid;
        packet[3] = (byte)(0x10 | (counter & 0x0F));
        return packet;
    }

    public static byte[] Concat(params byte[][] packets) => [.. packets.SelectMany(p => p)];

    /// <summary>A one-program PAT section (program 1 on <paramref name="pmtPid"/>) with a correct CRC_32, or a broken one.</summary>
    public static byte[] PatSection(int pmtPid, bool breakCrc = false)
    {
        byte[] body = [0x00, 0xB0, 0x0D, 0x00, 0x01, 0xC1, 0x00, 0x00, 0x00, 0x01, (byte)(0xE0 | (pmtPid >> 8)), (byte)pmtPid];
        var crc = Mpeg2Crc32.Compute(body);
        byte[] section = [.. body, (byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc];
        if (breakCrc)
        {
            section[^1] ^= 0xFF;
        }

        return section;
    }

    /// <summary>Collects the packets a sync check hands on.</summary>
    public struct CountingSink : IPacketSink
    {
        public int Packets;

        public void OnPacket(ReadOnlySpan<byte> packet)
        {
            packet.Length.Should().Be(188);
            packet[0].Should().BeOneOf((byte)0x47, (byte)0x00, (byte)0x48);
            Packets++;
        }
    }
}
