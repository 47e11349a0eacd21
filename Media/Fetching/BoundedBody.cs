namespace Glance.Media.Fetching;

/// <summary>Reads bodies into memory without ever holding more than the cap (plus one byte to notice the excess).</summary>
internal static class BoundedBody
{
    private const int InitialBuffer = 64 * 1024;

    /// <summary>The whole stream, or null when it holds more than <paramref name="cap"/> bytes.</summary>
    public static async Task<byte[]?> ReadToEndAsync(Stream stream, long cap, CancellationToken cancellationToken)
    {
        var buffer = new byte[(int)Math.Min(cap + 1, InitialBuffer)];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total > cap)
                {
                    return null;
                }

                var larger = new byte[(int)Math.Min((long)buffer.Length * 2, cap + 1)];
                buffer.AsSpan(0, total).CopyTo(larger);
                buffer = larger;
            }

            var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        if (total > cap)
        {
            return null;
        }

        return total == buffer.Length ? buffer : buffer.AsSpan(0, total).ToArray();
    }

    /// <summary>Exactly <paramref name="count"/> bytes, or null when the stream ends first.</summary>
    public static async Task<byte[]?> ReadExactlyAsync(Stream stream, long count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            total += read;
        }

        return buffer;
    }

    /// <summary>Reads and drops <paramref name="count"/> bytes; false when the stream ends first.</summary>
    public static async Task<bool> SkipAsync(Stream stream, long count, CancellationToken cancellationToken)
    {
        var scratch = new byte[(int)Math.Min(count, InitialBuffer)];
        var remaining = count;
        while (remaining > 0)
        {
            var read = await stream.ReadAsync(scratch.AsMemory(0, (int)Math.Min(remaining, scratch.Length)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return false;
            }

            remaining -= read;
        }

        return true;
    }
}
