using Microsoft.Data.Sqlite;

namespace Glance.Benchmarks.Engagement;

/// <summary>
/// What the viewers left in the embedded store after the run: the size of a viewer's state row (which every write
/// behind puts again) and of a decision record (which is put once).
/// </summary>
internal static class ViewerStorageFigures
{
    public static async Task ReportAsync(BenchmarkReport report, string databasePath, CancellationToken cancellationToken)
    {
        if (!File.Exists(databasePath))
        {
            return;
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        var (rows, rowBytes, largestRow) = await MeasureAsync(connection, "SELECT count(*), avg(length(data)), max(length(data)) FROM grain_state WHERE grain_type LIKE 'viewer@%';", cancellationToken);
        report.Add("viewer state rows", rows, "rows");
        report.Add("viewer state row, mean size (put again by every write behind)", rowBytes, "bytes");
        report.Add("viewer state row, largest", largestRow, "bytes");
        var (records, recordBytes, _) = await MeasureAsync(connection, "SELECT count(*), avg(length(data)), max(length(data)) FROM sorted_records WHERE partition LIKE 'viewer-decisions/%';", cancellationToken);
        report.Add("decision records kept", records, "records");
        report.Add("decision record, mean size (put once)", recordBytes, "bytes");
    }

    private static async Task<(double Count, double Mean, double Max)> MeasureAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? 0 : reader.GetDouble(1), reader.IsDBNull(2) ? 0 : reader.GetInt64(2));
    }
}
