using Glance.Storage;
using Glance.Storage.DynamoDb;
using Glance.Storage.Memory;
using Glance.Storage.Sqlite;

namespace Glance.Benchmarks.Storage;

/// <summary>
/// Throughput of each storage provider: conditional grain-state writes (one writer, and two writers on separate
/// grains), sorted-record batch puts, and range-query pages. DynamoDB runs against dynalite on loopback, so its
/// figures measure this client and a local server, not the AWS service.
/// </summary>
public sealed class StateWritesBenchmark : IBenchmark
{
    private const int GrainCount = 64;
    private const int StateBytes = 1024;
    private const int BatchSize = 100;
    private const int RecordBytes = 200;
    private const int QueryPartitionRecords = 5000;
    private const int QueryPageSize = 100;

    public string Name => "state-writes";

    public string Description => "State writes/s, record batch puts/s and range queries/s per storage provider (memory, SQLite, DynamoDB on dynalite)";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        var duration = report.Quick ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(3);

        using (var memory = new ProviderUnderTest(new MemoryStorageProvider()))
        {
            await MeasureAsync(report, memory.Provider, duration, cancellationToken);
        }

        var directory = Path.Combine(Path.GetTempPath(), $"glance-bench-{Guid.NewGuid():N}");
        try
        {
            using var sqlite = new ProviderUnderTest(new SqliteStorageProvider(new SqliteStorageOptions { Path = Path.Combine(directory, "bench.db") }));
            await MeasureAsync(report, sqlite.Provider, duration, cancellationToken);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        DynaliteServer dynalite;
        try
        {
            dynalite = await DynaliteServer.StartAsync(cancellationToken);
        }
        catch (InvalidOperationException error)
        {
            Console.WriteLine($"  DynamoDB skipped: {error.Message}");
            return;
        }

        await using (dynalite)
        {
            var options = new DynamoDbStorageOptions { ServiceUrl = dynalite.ServiceUrl, TablePrefix = "bench-" };
            using var dynamo = new ProviderUnderTest(new DynamoDbStorageProvider(options));
            await MeasureAsync(report, dynamo.Provider, duration, cancellationToken);
        }
    }

    private static async Task MeasureAsync(BenchmarkReport report, IStorageProvider provider, TimeSpan duration, CancellationToken cancellationToken)
    {
        await provider.InitializeAsync(cancellationToken);
        var name = provider.Name;
        var state = new byte[StateBytes];
        Random.Shared.NextBytes(state);

        // Warm-up creates every grain's row, so the timed loops measure conditional updates.
        var sequential = new Writer(provider.GrainState, "seq", state);
        await sequential.CreateAsync(cancellationToken);
        await sequential.RunAsync(TimeSpan.FromMilliseconds(200), cancellationToken);
        var latencies = new List<double>(100_000);
        var (writes, elapsed) = await sequential.RunAsync(duration, cancellationToken, latencies);
        report.Add($"{name}: state writes, 1 writer", writes / elapsed.TotalSeconds, "writes/s");
        var samples = latencies.ToArray();
        report.Add($"{name}: state write p50", Percentiles.Of(samples, 50), "ms");
        report.Add($"{name}: state write p99", Percentiles.Of(samples, 99), "ms");

        var pair = new[] { new Writer(provider.GrainState, "a", state), new Writer(provider.GrainState, "b", state) };
        foreach (var writer in pair)
        {
            await writer.CreateAsync(cancellationToken);
        }

        var started = Stopwatch.StartNew();
        var counts = await Task.WhenAll(pair.Select(writer => Task.Run(() => writer.RunAsync(duration, cancellationToken), cancellationToken)));
        report.Add($"{name}: state writes, 2 concurrent writers", counts.Sum(c => c.Writes) / started.Elapsed.TotalSeconds, "writes/s");

        await MeasureBatchesAsync(report, provider, duration, cancellationToken);
        await MeasureQueriesAsync(report, provider, duration, cancellationToken);
    }

    private static async Task MeasureBatchesAsync(BenchmarkReport report, IStorageProvider provider, TimeSpan duration, CancellationToken cancellationToken)
    {
        var payload = new byte[RecordBytes];
        Random.Shared.NextBytes(payload);
        var batches = 0;
        long nextKey = 0;
        var batch = new SortedRecord[BatchSize];
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            for (var i = 0; i < BatchSize; i++)
            {
                batch[i] = new SortedRecord(nextKey++, payload);
            }

            await provider.SortedRecords.PutAsync("bench-batches", batch, cancellationToken);
            batches++;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        report.Add($"{provider.Name}: record batch puts ({BatchSize} x {RecordBytes} B)", batches / seconds, "batches/s");
        report.Add($"{provider.Name}: records put", batches * BatchSize / seconds, "records/s");
    }

    private static async Task MeasureQueriesAsync(BenchmarkReport report, IStorageProvider provider, TimeSpan duration, CancellationToken cancellationToken)
    {
        var payload = new byte[RecordBytes];
        var records = Enumerable.Range(0, QueryPartitionRecords).Select(i => new SortedRecord(i, payload)).ToList();
        await provider.SortedRecords.PutAsync("bench-query", records, cancellationToken);

        var queries = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var from = Random.Shared.Next(0, QueryPartitionRecords - QueryPageSize);
            var page = await provider.SortedRecords.QueryAsync("bench-query", new SortKeyRange(from, from + 1000), QueryPageSize, null, descending: (queries & 1) == 1, cancellationToken);
            if (page.Records.Count != QueryPageSize)
            {
                throw new InvalidOperationException($"{provider.Name} returned {page.Records.Count} records for a page of {QueryPageSize}.");
            }

            queries++;
        }

        report.Add($"{provider.Name}: range queries ({QueryPageSize}-record pages)", queries / clock.Elapsed.TotalSeconds, "queries/s");
    }

    /// <summary>One caller writing its own grains round-robin, each write conditional on the ETag it got last.</summary>
    private sealed class Writer(IGrainStateStore store, string name, byte[] state)
    {
        private readonly string[] etags = new string[GrainCount];
        private readonly string[] keys = Enumerable.Range(0, GrainCount).Select(i => $"{name}-{i}").ToArray();

        public async Task CreateAsync(CancellationToken cancellationToken)
        {
            for (var i = 0; i < GrainCount; i++)
            {
                var existing = await store.ReadAsync("Bench", keys[i], cancellationToken);
                etags[i] = await store.WriteAsync("Bench", keys[i], state, existing?.ETag, cancellationToken);
            }
        }

        public async Task<(long Writes, TimeSpan Elapsed)> RunAsync(TimeSpan duration, CancellationToken cancellationToken, List<double>? latencies = null)
        {
            long writes = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                var grain = (int)(writes % GrainCount);
                var before = clock.Elapsed;
                etags[grain] = await store.WriteAsync("Bench", keys[grain], state, etags[grain], cancellationToken);
                latencies?.Add((clock.Elapsed - before).TotalMilliseconds);
                writes++;
            }

            return (writes, clock.Elapsed);
        }
    }

    /// <summary>Disposes the provider when it holds resources (files, clients).</summary>
    private sealed class ProviderUnderTest(IStorageProvider provider) : IDisposable
    {
        public IStorageProvider Provider { get; } = provider;

        public void Dispose() => (Provider as IDisposable)?.Dispose();
    }
}
