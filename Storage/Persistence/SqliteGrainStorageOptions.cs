using Orleans.Storage;

namespace Glance.Storage.Persistence;

/// <summary>Grain state in a SQLite file: the embedded default, durable across restarts.</summary>
public sealed class SqliteGrainStorageOptions : IGrainStateStorageOptions
{
    /// <summary>The database file; a relative path is resolved against the current directory. May be shared with the reminder table.</summary>
    public string DatabasePath { get; set; } = "data/glance.db";

    public bool DeleteStateOnClear { get; set; }

    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;

    /// <summary>Left null, filled in by <see cref="GrainStorageSerializerDefaults{TOptions}"/>.</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
