using Microsoft.Data.Sqlite;

namespace Glance.Storage.Sqlite;

/// <summary>A connection opened through <see cref="SqliteConnectionFactory.OpenForWriteAsync"/>: disposing it lets the next writer in.</summary>
internal sealed class SqliteWriteConnection(SqliteConnection connection, SemaphoreSlim gate) : IAsyncDisposable
{
    private int disposed;

    public SqliteConnection Connection { get; } = connection;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await Connection.DisposeAsync();
        }
        finally
        {
            gate.Release();
        }
    }
}
