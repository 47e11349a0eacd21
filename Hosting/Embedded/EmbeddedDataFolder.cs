using Microsoft.Extensions.Configuration;

namespace Glance.Hosting.Embedded;

/// <summary>
/// Where an embedded run keeps the operator's plain copies of generated credentials: beside the SQLite database, so they
/// last exactly as long as the data they open. Null when the store forgets at exit (and so would the credentials).
/// </summary>
public static class EmbeddedDataFolder
{
    public static string? Of(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var storage = configuration.GetSection("Storage");
        if (!string.Equals(storage["Provider"] ?? "Sqlite", "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // Resolved as the SQLite provider resolves its path: against the working directory.
        var database = Path.GetFullPath(storage["Sqlite:Path"] ?? Path.Combine("data", "glance.db"));
        return Path.GetDirectoryName(database)!;
    }
}
