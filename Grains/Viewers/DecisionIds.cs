using System.Globalization;
using System.Security.Cryptography;

namespace Glance.Grains.Viewers;

/// <summary>
/// Decision ids: a head of "d-" and 16 random hex digits drawn once per activation, then 8 hex digits of a counter.
/// Unique without being secret: feedback names a decision only inside its viewer, and tracking links are signed. Drawing
/// 12 random bytes per decision cost ~3 % of a decision's CPU (a call into the system's random source;
/// docs/benchmarks.md), and a head shared by an activation's decisions is what lets <see cref="DecisionLog"/> keep an
/// id as a number.
/// </summary>
public static class DecisionIds
{
    private const int TailLength = 8;

    public static string NewHead()
    {
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        return "d-" + Convert.ToHexStringLower(random);
    }

    /// <summary>The id of the <paramref name="tail"/>th decision under <paramref name="head"/>, in one allocation.</summary>
    public static string Format(string head, uint tail) =>
        string.Create(head.Length + TailLength, (head, tail), static (chars, id) =>
        {
            id.head.CopyTo(chars);
            id.tail.TryFormat(chars[id.head.Length..], out _, "x8", CultureInfo.InvariantCulture);
        });

    /// <summary><see cref="Format"/> into <paramref name="destination"/>; false when it is too short.</summary>
    public static bool TryFormat(string head, uint tail, Span<char> destination, out int written)
    {
        written = head.Length + TailLength;
        if (destination.Length < written)
        {
            written = 0;
            return false;
        }

        head.CopyTo(destination);
        return tail.TryFormat(destination[head.Length..], out _, "x8", CultureInfo.InvariantCulture);
    }

    /// <summary>Whether <paramref name="id"/> is <paramref name="head"/> followed by a counter in <see cref="Format"/>'s form, and which.</summary>
    public static bool TryTail(string id, string head, out uint tail)
    {
        tail = 0;
        var digits = id.AsSpan(Math.Min(id.Length, head.Length));
        return id.Length == head.Length + TailLength
            && id.StartsWith(head, StringComparison.Ordinal)
            && IsLowerHex(digits)
            && uint.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out tail);
    }

    /// <summary>Only the form <see cref="Format"/> writes, so an id and its number map one to one.</summary>
    private static bool IsLowerHex(ReadOnlySpan<char> digits)
    {
        foreach (var c in digits)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
