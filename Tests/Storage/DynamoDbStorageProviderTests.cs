using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Glance.Storage;
using Glance.Storage.DynamoDb;
using Glance.Tests.Infrastructure;
using Orleans.Storage;

namespace Glance.Tests.Storage;

/// <summary>What only the DynamoDB store has: table creation, DynamoDB's limits, throttling, against dynalite.</summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbStorageProviderTests(DynaliteFixture dynalite) : IDisposable
{
    private readonly ManualTimeProvider clock = new();
    private readonly List<IDisposable> disposables = [];

    public void Dispose()
    {
        foreach (var disposable in disposables)
        {
            disposable.Dispose();
        }
    }

    [Fact]
    public async Task Initializing_creates_the_three_tables_with_their_key_schemas_and_is_idempotent()
    {
        var options = dynalite.CreateOptions();
        var provider = Track(new DynamoDbStorageProvider(options));

        await provider.InitializeAsync(CancellationToken.None);
        await provider.InitializeAsync(CancellationToken.None);
        await Track(new DynamoDbStorageProvider(options)).InitializeAsync(CancellationToken.None);

        var client = Track(DynamoDbClientFactory.Create(options));
        var grainState = (await client.DescribeTableAsync(options.TablePrefix + "grain-state")).Table;
        var sorted = (await client.DescribeTableAsync(options.TablePrefix + "sorted-records")).Table;
        new[] { grainState, sorted }.Should().OnlyContain(t => t.TableStatus == TableStatus.ACTIVE);
        grainState.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)).Should().Equal(("id", "HASH"));
        sorted.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)).Should().Equal(("p", "HASH"), ("s", "RANGE"));
        sorted.AttributeDefinitions.Single(a => a.AttributeName == "s").AttributeType.Value.Should().Be("N");
        await provider.CheckHealthAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Without_table_creation_a_missing_table_is_a_clear_error()
    {
        var provider = Track(new DynamoDbStorageProvider(dynalite.CreateOptions(createTables: false)));

        var initialize = () => provider.InitializeAsync(CancellationToken.None);
        var health = () => provider.CheckHealthAsync(CancellationToken.None);
        var read = () => provider.GrainState.ReadAsync("Event", "e1", CancellationToken.None);

        (await initialize.Should().ThrowAsync<DynamoDbStorageException>()).Which.Message
            .Should().Contain(provider.TableNames.GrainState).And.Contain("CreateTables");
        await health.Should().ThrowAsync<DynamoDbStorageException>();
        (await read.Should().ThrowAsync<DynamoDbStorageException>()).Which.Message.Should().Contain("does not exist");
    }

    [Fact]
    public async Task Without_table_creation_existing_tables_are_used()
    {
        var options = dynalite.CreateOptions();
        await Track(new DynamoDbStorageProvider(options)).InitializeAsync(CancellationToken.None);
        options.CreateTables = false;
        var provider = Track(new DynamoDbStorageProvider(options));

        await provider.InitializeAsync(CancellationToken.None);

        await provider.GrainState.WriteAsync("Event", "e1", "x"u8.ToArray(), null, CancellationToken.None);
    }

    [Fact]
    public async Task Items_over_400_KB_are_refused_with_an_error_naming_the_limit_and_smaller_ones_are_stored()
    {
        var provider = await StartAsync();
        var tooLarge = new byte[400 * 1024];
        var large = new byte[380 * 1024];
        Random.Shared.NextBytes(large);

        var state = () => provider.GrainState.WriteAsync("Event", "big", tooLarge, null, CancellationToken.None);
        var record = () => provider.SortedRecords.PutAsync("p", [new SortedRecord(1, tooLarge)], CancellationToken.None);
        await provider.GrainState.WriteAsync("Event", "large", large, null, CancellationToken.None);

        (await state.Should().ThrowAsync<DynamoDbItemTooLargeException>()).Which.Message.Should().Contain("400 KB");
        (await record.Should().ThrowAsync<DynamoDbItemTooLargeException>()).Which.Message.Should().Contain("400 KB");
        (await provider.GrainState.ReadAsync("Event", "large", CancellationToken.None))!.Data.ToArray().Should().Equal(large);
        (await provider.GrainState.ReadAsync("Event", "big", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task A_page_is_filled_even_when_dynamodb_stops_a_response_at_1_MB()
    {
        var options = dynalite.CreateOptions();
        var provider = Track(new DynamoDbStorageProvider(options));
        await provider.InitializeAsync(CancellationToken.None);
        var records = Enumerable.Range(0, 24).Select(i => new SortedRecord(i, Enumerable.Repeat((byte)i, 100 * 1024).ToArray())).ToList();
        await provider.SortedRecords.PutAsync("heavy", records, CancellationToken.None);

        // The premise: one Query response holds fewer than 21 of these 100 KB records.
        var client = Track(DynamoDbClientFactory.Create(options));
        var raw = await client.QueryAsync(new QueryRequest
        {
            TableName = provider.TableNames.SortedRecords,
            KeyConditionExpression = "p = :p",
            ExpressionAttributeValues = new() { [":p"] = new AttributeValue { S = "heavy" } },
            Limit = 21,
        });
        raw.Items.Count.Should().BeLessThan(21);

        var first = await provider.SortedRecords.QueryAsync("heavy", SortKeyRange.All, 20, null, false, CancellationToken.None);
        var second = await provider.SortedRecords.QueryAsync("heavy", SortKeyRange.All, 20, first.ContinuationToken, false, CancellationToken.None);

        first.Records.Select(r => r.SortKey).Should().Equal(Enumerable.Range(0, 20).Select(i => (long)i));
        first.ContinuationToken.Should().NotBeNull();
        second.Records.Select(r => r.SortKey).Should().Equal(20, 21, 22, 23);
        second.ContinuationToken.Should().BeNull();
        second.Records[^1].Data.ToArray().Should().Equal(records[^1].Data.ToArray());
        (await provider.SortedRecords.DeleteRangeAsync("heavy", SortKeyRange.All, CancellationToken.None)).Should().Be(24);
    }

    [Fact]
    public async Task Unprocessed_batch_items_are_retried_until_written()
    {
        var options = dynalite.CreateOptions();
        await Track(new DynamoDbStorageProvider(options)).InitializeAsync(CancellationToken.None);
        var (client, proxy) = FaultyDynamoDbProxy.Wrap(Track(DynamoDbClientFactory.Create(options)), FaultyDynamoDbProxy.DynamoDbFault.PartialBatches);
        var provider = new DynamoDbStorageProvider(client, options);

        await provider.SortedRecords.PutAsync("p", Enumerable.Range(0, 60).Select(i => new SortedRecord(i, new[] { (byte)i })).ToList(), CancellationToken.None);

        proxy.BatchCalls.Should().BeGreaterThan(3, "three chunks, each needing retries");
        var page = await provider.SortedRecords.QueryAsync("p", SortKeyRange.All, 100, null, false, CancellationToken.None);
        page.Records.Select(r => r.SortKey).Should().Equal(Enumerable.Range(0, 60).Select(i => (long)i));
    }

    [Fact]
    public async Task Writes_that_stay_unprocessed_fail_after_a_bounded_number_of_attempts()
    {
        var options = dynalite.CreateOptions();
        await Track(new DynamoDbStorageProvider(options)).InitializeAsync(CancellationToken.None);
        var (client, proxy) = FaultyDynamoDbProxy.Wrap(Track(DynamoDbClientFactory.Create(options)), FaultyDynamoDbProxy.DynamoDbFault.StuckBatches);
        var provider = new DynamoDbStorageProvider(client, options);

        var act = () => provider.SortedRecords.PutAsync("p", [new SortedRecord(1, new byte[] { 1 })], CancellationToken.None);

        (await act.Should().ThrowAsync<DynamoDbStorageException>()).Which.Message.Should().Contain("unprocessed");
        proxy.BatchCalls.Should().BeInRange(2, 20);
    }

    [Fact]
    public async Task A_write_whose_retry_finds_it_already_applied_succeeds_but_a_real_conflict_is_still_refused()
    {
        var options = dynalite.CreateOptions();
        await Track(new DynamoDbStorageProvider(options)).InitializeAsync(CancellationToken.None);
        var (client, _) = FaultyDynamoDbProxy.Wrap(Track(DynamoDbClientFactory.Create(options)), FaultyDynamoDbProxy.DynamoDbFault.RepeatedPuts);
        var provider = new DynamoDbStorageProvider(client, options);

        var created = await provider.GrainState.WriteAsync("Event", "e1", "v1"u8.ToArray(), null, CancellationToken.None);
        var updated = await provider.GrainState.WriteAsync("Event", "e1", "v2"u8.ToArray(), created, CancellationToken.None);
        var stale = () => provider.GrainState.WriteAsync("Event", "e1", "v3"u8.ToArray(), created, CancellationToken.None);

        var stored = await provider.GrainState.ReadAsync("Event", "e1", CancellationToken.None);
        stored!.ETag.Should().Be(updated);
        stored.Data.ToArray().Should().Equal("v2"u8.ToArray());
        (await stale.Should().ThrowAsync<InconsistentStateException>()).Which.StoredEtag.Should().Be(updated);
    }

    [Fact]
    public async Task A_grain_type_containing_a_slash_is_refused_so_item_ids_cannot_collide()
    {
        var provider = await StartAsync();

        var act = () => provider.GrainState.WriteAsync("Event/x", "y", "a"u8.ToArray(), null, CancellationToken.None);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task Two_providers_on_the_same_tables_detect_each_others_writes()
    {
        var options = dynalite.CreateOptions();
        var siloA = Track(new DynamoDbStorageProvider(options));
        var siloB = Track(new DynamoDbStorageProvider(options));
        await Task.WhenAll(siloA.InitializeAsync(CancellationToken.None), siloB.InitializeAsync(CancellationToken.None));

        var etag = await siloA.GrainState.WriteAsync("Event", "e1", "a"u8.ToArray(), null, CancellationToken.None);
        await siloB.GrainState.WriteAsync("Event", "e1", "b"u8.ToArray(), etag, CancellationToken.None);
        var stale = () => siloA.GrainState.WriteAsync("Event", "e1", "a2"u8.ToArray(), etag, CancellationToken.None);

        await stale.Should().ThrowAsync<InconsistentStateException>();
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1:1")]
    public void A_service_url_that_is_not_http_is_refused(string serviceUrl)
    {
        var act = () => DynamoDbClientFactory.Create(new DynamoDbStorageOptions { ServiceUrl = serviceUrl });

        act.Should().Throw<ArgumentException>().WithMessage("*ServiceUrl*");
    }

    private async Task<DynamoDbStorageProvider> StartAsync()
    {
        var provider = Track(new DynamoDbStorageProvider(dynalite.CreateOptions()));
        await provider.InitializeAsync(CancellationToken.None);
        return provider;
    }

    private T Track<T>(T disposable)
        where T : IDisposable
    {
        disposables.Add(disposable);
        return disposable;
    }
}
