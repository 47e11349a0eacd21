using System.Diagnostics.Metrics;
using Glance.Storage;
using Glance.Storage.Sqlite;

namespace Glance.Hosting.Diagnostics;

/// <summary>
/// The record store's instruments on the "Glance.Storage" meter, created through the host's <see cref="IMeterFactory"/>:
/// for SQLite, the record puts committed and the transactions that wrote them. Their ratio is the group commit's
/// grouping; a ratio near one under load means the single writer keeps up, a high one that puts queue for it.
/// </summary>
public sealed class StorageMetrics
{
    public const string MeterName = "Glance.Storage";

    public StorageMetrics(IMeterFactory meters, IStorageProvider storage)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(storage);
        if (storage is not SqliteStorageProvider sqlite)
        {
            return; // DynamoDB writes each put as its own batch request: nothing is grouped to report
        }

        var meter = meters.Create(MeterName, "1.0");
        meter.CreateObservableCounter(
            "glance.storage.record_puts", () => sqlite.RecordPutCounts.Puts, unit: "{put}", description: "Record puts (decision records, timeline and monitoring rows) committed to SQLite.");
        meter.CreateObservableCounter(
            "glance.storage.record_transactions", () => sqlite.RecordPutCounts.Transactions, unit: "{transaction}", description: "SQLite transactions that committed record puts; fewer than the puts when waiting puts were committed together.");
    }
}
