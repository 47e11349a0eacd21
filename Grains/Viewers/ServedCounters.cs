using Glance.Grains.Engagement;

namespace Glance.Grains.Viewers;

/// <summary>
/// The viewer's serving counters, keyed "event/instrument". Every decision reads one per instrument of the event and
/// writes one; these look the key up from a stack buffer, so a string key is made only for a counter that is new.
/// </summary>
public static class ServedCounters
{
    /// <summary>Longer keys (ids are at most 64 characters) take the plain path.</summary>
    private const int MaxStackKey = 256;

    public static string Key(string eventId, string instrumentId) => $"{eventId}/{instrumentId}";

    public static ServedCount? Find(Dictionary<string, ServedCount> served, string eventId, string instrumentId)
    {
        var length = eventId.Length + 1 + instrumentId.Length;
        if (length > MaxStackKey || !served.TryGetAlternateLookup<ReadOnlySpan<char>>(out var lookup))
        {
            return served.TryGetValue(Key(eventId, instrumentId), out var plain) ? plain : null;
        }

        Span<char> key = stackalloc char[length];
        Write(key, eventId, instrumentId);
        return lookup.TryGetValue(key, out var count) ? count : null;
    }

    public static void Set(Dictionary<string, ServedCount> served, string eventId, string instrumentId, ServedCount count)
    {
        var length = eventId.Length + 1 + instrumentId.Length;
        if (length > MaxStackKey || !served.TryGetAlternateLookup<ReadOnlySpan<char>>(out var lookup))
        {
            served[Key(eventId, instrumentId)] = count;
            return;
        }

        Span<char> key = stackalloc char[length];
        Write(key, eventId, instrumentId);
        lookup[key] = count;
    }

    private static void Write(Span<char> key, string eventId, string instrumentId)
    {
        eventId.CopyTo(key);
        key[eventId.Length] = '/';
        instrumentId.CopyTo(key[(eventId.Length + 1)..]);
    }
}
