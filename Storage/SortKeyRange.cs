namespace Glance.Storage;

/// <summary>An inclusive range of sort keys.</summary>
public readonly record struct SortKeyRange
{
    public SortKeyRange(long from, long to)
    {
        if (to < from)
        {
            throw new ArgumentException($"The range end {to} is before its start {from}.", nameof(to));
        }

        From = from;
        To = to;
    }

    public static SortKeyRange All { get; } = new(long.MinValue, long.MaxValue);

    public long From { get; }

    public long To { get; }

    public bool Contains(long key) => key >= From && key <= To;
}
