using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Glance.Storage.Reminders;

public sealed class SqliteReminderTableOptionsValidator(IOptions<SqliteReminderTableOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (string.IsNullOrWhiteSpace(options.Value.DatabasePath))
        {
            throw new OrleansConfigurationException(
                $"Configuration for the SQLite reminder table is invalid: {nameof(SqliteReminderTableOptions.DatabasePath)} is empty.");
        }
    }
}
