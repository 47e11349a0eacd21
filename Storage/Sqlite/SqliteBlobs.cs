using System.Runtime.InteropServices;

namespace Glance.Storage.Sqlite;

internal static class SqliteBlobs
{
    /// <summary>
    /// The serializers hand over whole arrays: bound as they are, a value is not copied once more on every write (a
    /// state can be tens of KB, a large-object allocation each time). SQLite copies a bound value while the command
    /// runs, so the caller's buffer is not kept.
    /// </summary>
    public static byte[] Bindable(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length ? segment.Array : data.ToArray();
}
