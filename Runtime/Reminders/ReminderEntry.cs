namespace Glance.Runtime.Reminders;

/// <summary>One durable reminder as stored in its shard.</summary>
public sealed record ReminderEntry(string GrainType, string GrainKey, string Name, DateTimeOffset FirstTick, TimeSpan Period) : IGrainReminder
{
    public string ReminderName => Name;

    public GrainId GrainId => new(GrainType, GrainKey);

    /// <summary>The first scheduled tick at or after <paramref name="now"/>.</summary>
    public DateTimeOffset NextTickAtOrAfter(DateTimeOffset now)
    {
        if (now <= FirstTick)
        {
            return FirstTick;
        }

        var elapsedPeriods = (long)Math.Ceiling((now - FirstTick).Ticks / (double)Period.Ticks);
        return FirstTick + TimeSpan.FromTicks(elapsedPeriods * Period.Ticks);
    }
}
