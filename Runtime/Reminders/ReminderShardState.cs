namespace Glance.Runtime.Reminders;

/// <summary>
/// The reminders of one shard, stored as one grain-state row so that the ETag-checked write of the state store keeps
/// concurrent registrations from two silos correct without a reminder table of its own.
/// </summary>
public sealed class ReminderShardState
{
    public List<ReminderEntry> Reminders { get; set; } = [];
}
