namespace Glance.Tests.Transport;

/// <summary>A test-side reading of one clean packet (independent of the analyzer), used to choose where to inject faults.</summary>
internal sealed record TsPacketInfo(int Index, int Pid, bool UnitStart, bool HasAdaptation, int AdaptationLength, bool HasPayload, int Cc, bool HasPcr, double Time)
{
    /// <summary>Reads every packet; <see cref="Time"/> is the last PCR of <paramref name="pcrPid"/> at or before the packet, in seconds since the first.</summary>
    public static List<TsPacketInfo> ReadAll(byte[] ts, int pcrPid)
    {
        var list = new List<TsPacketInfo>();
        long? first = null;
        double time = 0;
        for (var index = 0; index * 188 + 188 <= ts.Length; index++)
        {
            var p = ts.AsSpan(index * 188, 188);
            var pid = ((p[1] & 0x1F) << 8) | p[2];
            var hasAdaptation = (p[3] & 0x20) != 0;
            var adaptationLength = hasAdaptation ? p[4] : 0;
            var hasPcr = hasAdaptation && adaptationLength >= 7 && (p[5] & 0x10) != 0;
            if (hasPcr && pid == pcrPid)
            {
                var pcrBase = ((long)p[6] << 25) | ((long)p[7] << 17) | ((long)p[8] << 9) | ((long)p[9] << 1) | ((long)p[10] >> 7);
                first ??= pcrBase;
                time = (pcrBase - first.Value) / 90_000.0;
            }

            list.Add(new TsPacketInfo(index, pid, (p[1] & 0x40) != 0, hasAdaptation, adaptationLength, (p[3] & 0x10) != 0, p[3] & 0x0F, hasPcr, time));
        }

        return list;
    }
}
