using Glance.Storage.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Glance.Storage.Hosting;

/// <summary>Orleans reminders kept in a SQLite file (the embedded default).</summary>
public static class SqliteReminderExtensions
{
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder, Action<SqliteReminderTableOptions> configure) =>
        builder.ConfigureServices(services => services.UseSqliteReminderService(configure));

    public static IServiceCollection UseSqliteReminderService(this IServiceCollection services, Action<SqliteReminderTableOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddReminders();
        services.AddSingleton<IReminderTable, SqliteReminderTable>();
        services.Configure(configure);
        services.ConfigureFormatter<SqliteReminderTableOptions>();
        services.AddTransient<IConfigurationValidator, SqliteReminderTableOptionsValidator>();
        return services;
    }
}
