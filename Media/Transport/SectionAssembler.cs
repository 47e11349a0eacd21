namespace Glance.Media.Transport;

/// <summary>
/// Reassembles PSI / private sections of one PID across packets (pointer_field, back-to-back sections, stuffing).
/// Holds one buffer of the largest section size; sections that fit in one packet are handed out without copying.
/// </summary>
internal sealed class SectionAssembler
{
    /// <summary>3 header bytes plus the largest private section_length (4093).</summary>
    public const int MaxSectionBytes = 4096;

    private readonly byte[] buffer = new byte[MaxSectionBytes];
    private int length;
    private int expected;
    private bool active;

    // The last section that passed its CRC check, so that an identical repetition (the common case for PAT and PMT)
    // skips both the CRC and the table parse.
    private readonly byte[] lastGood = new byte[MaxSectionBytes];
    private int lastGoodLength = -1;

    public void Abort() => active = false;

    public bool IsSameAsLastGood(ReadOnlySpan<byte> section) =>
        section.Length == lastGoodLength && section.SequenceEqual(lastGood.AsSpan(0, lastGoodLength));

    public void RememberGood(ReadOnlySpan<byte> section)
    {
        section.CopyTo(lastGood);
        lastGoodLength = section.Length;
    }

    public void ForgetGood() => lastGoodLength = -1;

    /// <summary>Feeds one packet's payload; <paramref name="sink"/> gets every complete section.</summary>
    public void Feed<TSink>(ReadOnlySpan<byte> payload, bool unitStart, ref TSink sink)
        where TSink : struct, ISectionSink
    {
        if (!unitStart)
        {
            if (active)
            {
                // A continuation packet may only finish the section in progress; what follows it is stuffing.
                Continue(payload, ref sink);
            }

            return;
        }

        if (payload.IsEmpty)
        {
            active = false;
            return;
        }

        var pointer = payload[0];
        if (1 + pointer > payload.Length)
        {
            active = false;
            return;
        }

        if (active)
        {
            var tail = payload.Slice(1, pointer);
            Continue(tail, ref sink);
            // A section still open at the pointer lost its end.
            active = false;
        }

        var data = payload[(1 + pointer)..];
        while (!data.IsEmpty && data[0] != 0xFF)
        {
            if (data.Length >= 3)
            {
                var total = 3 + (((data[1] & 0x0F) << 8) | data[2]);
                if (total > MaxSectionBytes)
                {
                    return;
                }

                if (total <= data.Length)
                {
                    sink.OnSection(data[..total]);
                    data = data[total..];
                    continue;
                }
            }

            // The section continues in the next packets.
            data.CopyTo(buffer);
            length = data.Length;
            expected = data.Length >= 3 ? 3 + (((data[1] & 0x0F) << 8) | data[2]) : -1;
            active = true;
            return;
        }
    }

    private void Continue<TSink>(ReadOnlySpan<byte> data, ref TSink sink)
        where TSink : struct, ISectionSink
    {
        if (expected < 0)
        {
            var need = Math.Min(3 - length, data.Length);
            data[..need].CopyTo(buffer.AsSpan(length));
            length += need;
            data = data[need..];
            if (length < 3)
            {
                return;
            }

            expected = 3 + (((buffer[1] & 0x0F) << 8) | buffer[2]);
            if (expected > MaxSectionBytes)
            {
                active = false;
                return;
            }
        }

        var take = Math.Min(expected - length, data.Length);
        data[..take].CopyTo(buffer.AsSpan(length));
        length += take;
        if (length == expected)
        {
            active = false;
            sink.OnSection(buffer.AsSpan(0, length));
        }
    }
}

/// <summary>Receives complete sections from a <see cref="SectionAssembler"/> (a struct so the call is not virtual).</summary>
internal interface ISectionSink
{
    void OnSection(ReadOnlySpan<byte> section);
}
