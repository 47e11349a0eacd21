using Glance.Storage.Hosting;
using Glance.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Tests.Storage;

/// <summary>The grain storage conformance suite against dynalite, each test on its own table.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDBGrainStorageTests(DynaliteFixture dynalite) : GrainStorageConformanceTests
{
    private readonly string table = DynaliteFixture.NewTablePrefix() + "grain-state";

    protected override void AddStorage(IServiceCollection services, string name, bool deleteStateOnClear) =>
        services.AddDynamoDBGrainStorage(name, options =>
        {
            options.Service = dynalite.ServiceUrl;
            options.TableName = table;
            options.DeleteStateOnClear = deleteStateOnClear;
        });
}
