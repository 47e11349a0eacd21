namespace Glance.Runtime.Reminders;

/// <param name="FirstTickTime">When the reminder was first due.</param>
/// <param name="CurrentTickTime">When this tick was due (it may arrive later, for example after a restart).</param>
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime);
