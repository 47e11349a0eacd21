using System.Diagnostics.CodeAnalysis;
using Orleans;

namespace Glance.Tests.Storage;

/// <summary>What an Orleans activation holds for one persistent state, as the storage contract sees it.</summary>
public sealed class TestGrainState<T> : IGrainState<T>
{
    [AllowNull]
    public T State { get; set; } = default!;

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
