using Glance.Storage.Hosting;
using Glance.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Tests.Storage;

public sealed class SqliteReminderTableTests : ReminderTableConformanceTests
{
    private readonly TemporaryDirectory directory = new();

    protected override void AddReminderTable(IServiceCollection services) =>
        services.UseSqliteReminderService(options => options.DatabasePath = Path.Combine(directory.Path, "data", "glance.db"));

    protected override void DisposeBackingStore()
    {
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }
}
