using Glance.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Orleans.Configuration;
namespace Glance.Storage.Reminders;

/// <summary>
/// Orleans' <see cref="IReminderTable"/> in a SQLite file (table "reminders", keyed by service id, grain id and
/// reminder name, indexed by grain hash). Each upsert gets a fresh random version as its ETag, so an ETag read
/// before a delete and re-create cannot remove the new row.
/// </summary>
public sealed class SqliteReminderTable : ReminderTableBase, IDisposable
{
    private const string Columns = "grain_id, reminder_name, start_at_ticks, period_ticks, version";

    private readonly SqliteConnectionFactory connections;
    private readonly string serviceId;

    public SqliteReminderTable(IOptions<SqliteReminderTableOptions> options, IOptions<ClusterOptions> cluster)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Value.DatabasePath, "options.DatabasePath");
        connections = new SqliteConnectionFactory(Path.GetFullPath(options.Value.DatabasePath));
        serviceId = cluster.Value.ServiceId;
    }

    public override Task StartAsync(CancellationToken cancellationToken = default) => SqliteSchema.EnsureAsync(connections, cancellationToken);

    public override async Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, $"SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_id = $grain;");
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        return new ReminderTableData(await ReadAllAsync(command, cancellationToken));
    }

    public override async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        var range = new GrainHashRange(begin, end);
        var condition = range.Wraps ? "(grain_hash > $begin OR grain_hash <= $end)" : "grain_hash > $begin AND grain_hash <= $end";
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, $"SELECT {Columns} FROM reminders WHERE service_id = $service AND {condition};");
        command.Parameters.AddWithValue("$begin", (long)begin);
        command.Parameters.AddWithValue("$end", (long)end);
        return new ReminderTableData(await ReadAllAsync(command, cancellationToken));
    }

    public override async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, $"SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name;");
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$name", reminderName);
        return (await ReadAllAsync(command, cancellationToken)).SingleOrDefault();
    }

    public override async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ReminderValues.Validate(entry);
        var version = RowVersion.NewRow();
        await using var writer = await connections.OpenForWriteAsync(cancellationToken);
        await using var command = Command(writer.Connection, """
            INSERT INTO reminders (service_id, grain_id, reminder_name, grain_hash, start_at_ticks, period_ticks, version)
            VALUES ($service, $grain, $name, $hash, $start, $period, $version)
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
                start_at_ticks = excluded.start_at_ticks, period_ticks = excluded.period_ticks, version = excluded.version;
            """);
        command.Parameters.AddWithValue("$grain", entry.GrainId.ToString());
        command.Parameters.AddWithValue("$name", entry.ReminderName);
        command.Parameters.AddWithValue("$hash", (long)entry.GrainId.GetUniformHashCode());
        command.Parameters.AddWithValue("$start", ReminderValues.StartAtTicks(entry.StartAt));
        command.Parameters.AddWithValue("$period", entry.Period.Ticks);
        command.Parameters.AddWithValue("$version", version);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return RowVersion.ToETag(version);
    }

    public override async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        if (eTag is null || !RowVersion.TryParse(eTag, out var version))
        {
            return false;
        }

        await using var writer = await connections.OpenForWriteAsync(cancellationToken);
        await using var command = Command(writer.Connection, "DELETE FROM reminders WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name AND version = $version;");
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$name", reminderName);
        command.Parameters.AddWithValue("$version", version);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public override async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        await using var writer = await connections.OpenForWriteAsync(cancellationToken);
        await using var command = Command(writer.Connection, "DELETE FROM reminders WHERE service_id = $service;");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Closes the idle pooled connections, which releases the file.</summary>
    public void Dispose() => connections.Dispose();

    private SqliteCommand Command(SqliteConnection connection, string text)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        command.Parameters.AddWithValue("$service", serviceId);
        return command;
    }

    private static async Task<List<ReminderEntry>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = ReminderValues.StartAt(reader.GetInt64(2)),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = RowVersion.ToETag(reader.GetInt64(4)),
            });
        }

        return entries;
    }
}
