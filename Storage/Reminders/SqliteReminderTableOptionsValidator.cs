namespace Glance.Storage.Reminders;

public sealed class SqliteReminderTableOptionsValidator(SqliteReminderTableOptions options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            throw new OrleansConfigurationException(
                $"Configuration for the SQLite reminder table is invalid: {nameof(SqliteReminderTableOptions.DatabasePath)} is empty.");
        }
    }
}
