namespace Glance.Runtime.Reminders;

public interface IGrainReminder
{
    string ReminderName { get; }
}
