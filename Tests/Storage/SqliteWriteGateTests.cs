using Glance.Storage.Sqlite;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Storage;

/// <summary>Writers to one SQLite file in one process take turns before SQLite's lock, where a loser would sleep holding its thread.</summary>
public sealed class SqliteWriteGateTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    [Fact]
    public async Task A_second_writer_to_the_same_file_waits_for_the_first_and_then_gets_its_turn()
    {
        var path = Path.Combine(directory.Path, "glance.db");
        using var stores = new SqliteConnectionFactory(path);
        using var reminders = new SqliteConnectionFactory(path); // another provider on the same file shares the turn

        var first = await stores.OpenForWriteAsync(CancellationToken.None);
        var second = reminders.OpenForWriteAsync(CancellationToken.None);
        await Task.Delay(200);
        second.IsCompleted.Should().BeFalse("the first writer still holds the turn");

        await first.DisposeAsync();
        await using var next = await second.WaitAsync(TimeSpan.FromSeconds(10));
        next.Connection.State.Should().Be(System.Data.ConnectionState.Open);
    }

    [Fact]
    public async Task A_waiting_writer_can_be_cancelled_and_the_turn_is_not_lost()
    {
        var path = Path.Combine(directory.Path, "glance.db");
        using var connections = new SqliteConnectionFactory(path);
        var first = await connections.OpenForWriteAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var waiting = () => connections.OpenForWriteAsync(cancel.Token);

        await waiting.Should().ThrowAsync<OperationCanceledException>();
        await first.DisposeAsync();
        await first.DisposeAsync(); // twice lets no extra writer in
        await using var next = await connections.OpenForWriteAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var third = connections.OpenForWriteAsync(CancellationToken.None);
        await Task.Delay(100);
        third.IsCompleted.Should().BeFalse("one writer at a time, even after a double dispose");
        await next.DisposeAsync();
        await (await third.WaitAsync(TimeSpan.FromSeconds(10))).DisposeAsync();
    }

    public void Dispose() => directory.Dispose();
}
