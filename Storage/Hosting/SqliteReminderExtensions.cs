using Glance.Storage.Reminders;
using Orleans.Hosting;

namespace Glance.Storage.Hosting;

/// <summary>Orleans reminders kept in a SQLite file (the embedded default).</summary>
public static class SqliteReminderExtensions
{
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder, Action<SqliteReminderTableOptions> configure) =>
        builder.ConfigureServices(services => services.UseSqliteReminderService(configure));

    public static IServiceCollection UseSqliteReminderService(this IServiceCollection services, Action<SqliteReminderTableOptions> configure)
    {
        services.AddReminders();
        return ProviderRegistration.AddProvider<IReminderTable, SqliteReminderTable, SqliteReminderTableOptions>(
            services, configure, options => new SqliteReminderTableOptionsValidator(options));
    }
}
