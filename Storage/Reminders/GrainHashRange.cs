namespace Glance.Storage.Reminders;

/// <summary>
/// A range of Orleans' uint grain hash ring as the reminder service asks for it: begin exclusive, end inclusive,
/// and begin >= end wraps around past uint.MaxValue (begin == end is the whole ring).
/// </summary>
internal readonly record struct GrainHashRange(uint Begin, uint End)
{
    public bool Wraps => Begin >= End;

    /// <summary>The same range as at most two inclusive intervals, for stores that can only ask "between".</summary>
    public IEnumerable<(uint From, uint To)> InclusiveIntervals()
    {
        if (!Wraps)
        {
            yield return (Begin + 1, End);
            yield break;
        }

        if (Begin < uint.MaxValue)
        {
            yield return (Begin + 1, uint.MaxValue);
        }

        yield return (0, End);
    }
}
