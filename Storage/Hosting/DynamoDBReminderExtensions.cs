using Glance.Storage.DynamoDb;
using Glance.Storage.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Glance.Storage.Hosting;

/// <summary>Orleans reminders kept in DynamoDB, with the extension name of Orleans.Reminders.DynamoDB.</summary>
public static class DynamoDBReminderExtensions
{
    public static ISiloBuilder UseDynamoDBReminderService(this ISiloBuilder builder, Action<DynamoDBReminderStorageOptions> configure) =>
        builder.ConfigureServices(services => services.UseDynamoDBReminderService(configure));

    public static IServiceCollection UseDynamoDBReminderService(this IServiceCollection services, Action<DynamoDBReminderStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddReminders();
        services.AddSingleton<IReminderTable, DynamoDBReminderTable>();
        services.Configure(configure);
        services.ConfigureFormatter<DynamoDBReminderStorageOptions>();
        services.AddTransient<IConfigurationValidator>(sp =>
            new DynamoDBTableOptionsValidator(sp.GetRequiredService<IOptions<DynamoDBReminderStorageOptions>>().Value, "reminders"));
        return services;
    }
}
