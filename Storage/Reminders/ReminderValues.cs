namespace Glance.Storage.Reminders;

/// <summary>How both reminder tables store a <see cref="Orleans.ReminderEntry"/>'s times.</summary>
internal static class ReminderValues
{
    /// <summary>UTC ticks; Orleans passes UTC, and a local time is converted rather than stored as if it were UTC.</summary>
    public static long StartAtTicks(DateTime startAt) =>
        (startAt.Kind == DateTimeKind.Local ? startAt.ToUniversalTime() : startAt).Ticks;

    public static DateTime StartAt(long ticks) => new(ticks, DateTimeKind.Utc);

    public static void Validate(Orleans.ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.ReminderName, "entry.ReminderName");
        if (entry.GrainId.IsDefault)
        {
            throw new ArgumentException("A reminder needs a grain id.", nameof(entry));
        }
    }
}
