namespace Glance.Storage.Reminders;

/// <summary>
/// Orleans 10's <see cref="IReminderTable"/> declares each operation twice, with and without a cancellation token,
/// and still leaves the overloads without one abstract; ours do the work in the cancellable ones.
/// </summary>
public abstract class ReminderTableBase : IReminderTable
{
    public abstract Task StartAsync(CancellationToken cancellationToken = default);

    public abstract Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken);

    public abstract Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken);

    public abstract Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken);

    public abstract Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken);

    public abstract Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken);

    public abstract Task TestOnlyClearTable(CancellationToken cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);
}
