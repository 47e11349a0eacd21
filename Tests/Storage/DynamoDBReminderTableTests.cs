using Glance.Storage.Hosting;
using Glance.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Tests.Storage;

/// <summary>The reminder table conformance suite against dynalite, each test on its own table.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDBReminderTableTests(DynaliteFixture dynalite) : ReminderTableConformanceTests
{
    private readonly string table = DynaliteFixture.NewTablePrefix() + "reminders";

    protected override void AddReminderTable(IServiceCollection services) =>
        services.UseDynamoDBReminderService(options =>
        {
            options.Service = dynalite.ServiceUrl;
            options.TableName = table;
            options.UseProvisionedThroughput = false;
        });
}
