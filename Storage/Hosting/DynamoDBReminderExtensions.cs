using Glance.Storage.DynamoDb;
using Glance.Storage.Reminders;
using Orleans.Hosting;

namespace Glance.Storage.Hosting;

/// <summary>Orleans reminders kept in DynamoDB, with the extension name of Orleans.Reminders.DynamoDB.</summary>
public static class DynamoDBReminderExtensions
{
    public static ISiloBuilder UseDynamoDBReminderService(this ISiloBuilder builder, Action<DynamoDBReminderStorageOptions> configure) =>
        builder.ConfigureServices(services => services.UseDynamoDBReminderService(configure));

    public static IServiceCollection UseDynamoDBReminderService(this IServiceCollection services, Action<DynamoDBReminderStorageOptions> configure)
    {
        services.AddReminders();
        return ProviderRegistration.AddProvider<IReminderTable, DynamoDBReminderTable, DynamoDBReminderStorageOptions>(
            services, configure, options => new DynamoDBTableOptionsValidator(options, "reminders"));
    }
}
