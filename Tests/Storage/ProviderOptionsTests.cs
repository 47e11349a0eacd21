using Glance.Storage.Clustering;
using Glance.Storage.DynamoDb;
using Glance.Storage.Persistence;
using Glance.Storage.Reminders;
using Microsoft.Extensions.Configuration;
using Orleans.Runtime;

namespace Glance.Tests.Storage;

/// <summary>
/// The providers' options bind from configuration keys named as in Orleans' own DynamoDB packages, and their
/// validators stop a silo whose configuration cannot work.
/// </summary>
public sealed class ProviderOptionsTests
{
    [Fact]
    public void Options_bind_from_the_keys_orleans_own_dynamodb_packages_read()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Service"] = "eu-west-1",
            ["AccessKey"] = "AKIA",
            ["SecretKey"] = "secret",
            ["TableName"] = "glance-grain-state",
            ["CreateIfNotExists"] = "false",
            ["UseProvisionedThroughput"] = "false",
            ["ReadCapacityUnits"] = "20",
            ["WriteCapacityUnits"] = "9",
            ["DeleteStateOnClear"] = "true",
        }).Build();

        var options = configuration.Get<DynamoDBStorageOptions>()!;

        options.Service.Should().Be("eu-west-1");
        options.AccessKey.Should().Be("AKIA");
        options.SecretKey.Should().Be("secret");
        options.TableName.Should().Be("glance-grain-state");
        options.CreateIfNotExists.Should().BeFalse();
        options.UseProvisionedThroughput.Should().BeFalse();
        options.ReadCapacityUnits.Should().Be(20);
        options.WriteCapacityUnits.Should().Be(9);
        options.DeleteStateOnClear.Should().BeTrue();
        new DynamoDBTableOptionsValidator(options, "Default").ValidateConfiguration();
    }

    [Fact]
    public void Table_names_default_to_orleans_own()
    {
        new DynamoDBStorageOptions().TableName.Should().Be("OrleansGrainState");
        new DynamoDBReminderStorageOptions().TableName.Should().Be("OrleansReminders");
        new DynamoDBClusteringOptions().TableName.Should().Be("OrleansSilos");
        new DynamoDBGatewayOptions().TableName.Should().Be("OrleansSilos");
    }

    public static TheoryData<string, Action<DynamoDBClusteringOptions>> InvalidDynamoDBOptions => new()
    {
        { "Service", o => o.Service = "ftp://127.0.0.1:8000" },
        { "AccessKey", o => o.AccessKey = "AKIA" },
        { "TableName", o => o.TableName = "a" },
        { "TableName", o => o.TableName = "has space" },
        { "ReadCapacityUnits", o => o.ReadCapacityUnits = 0 },
    };

    [Theory]
    [MemberData(nameof(InvalidDynamoDBOptions))]
    public void The_dynamodb_validator_names_what_is_wrong(string property, Action<DynamoDBClusteringOptions> breakIt)
    {
        var options = new DynamoDBClusteringOptions { Service = "http://127.0.0.1:8000" };
        new DynamoDBTableOptionsValidator(options, "clustering").ValidateConfiguration();
        breakIt(options);

        var validate = () => new DynamoDBTableOptionsValidator(options, "clustering").ValidateConfiguration();

        validate.Should().Throw<OrleansConfigurationException>().WithMessage($"*'clustering'*{property}*");
    }

    [Fact]
    public void An_empty_service_leaves_the_region_to_the_sdk_s_environment()
    {
        var options = new DynamoDBStorageOptions();

        options.Service.Should().BeNull();
        new DynamoDBTableOptionsValidator(options, "Default").ValidateConfiguration();
    }

    [Fact]
    public void On_demand_tables_need_no_capacity()
    {
        var options = new DynamoDBReminderStorageOptions { UseProvisionedThroughput = false, ReadCapacityUnits = 0, WriteCapacityUnits = 0 };

        new DynamoDBTableOptionsValidator(options, "reminders").ValidateConfiguration();
    }

    [Fact]
    public void The_sqlite_validators_refuse_an_empty_database_path()
    {
        var grainStorage = () => new SqliteGrainStorageOptionsValidator(new SqliteGrainStorageOptions { DatabasePath = "" }, "Default").ValidateConfiguration();
        var reminders = () => new SqliteReminderTableOptionsValidator(new SqliteReminderTableOptions { DatabasePath = " " }).ValidateConfiguration();

        grainStorage.Should().Throw<OrleansConfigurationException>().WithMessage("*DatabasePath*");
        reminders.Should().Throw<OrleansConfigurationException>().WithMessage("*DatabasePath*");
    }
}
