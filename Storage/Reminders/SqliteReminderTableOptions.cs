namespace Glance.Storage.Reminders;

/// <summary>Reminders in a SQLite file: the embedded default, durable across restarts.</summary>
public sealed class SqliteReminderTableOptions
{
    /// <summary>The database file; a relative path is resolved against the current directory. May be shared with grain storage.</summary>
    public string DatabasePath { get; set; } = "data/glance.db";
}
