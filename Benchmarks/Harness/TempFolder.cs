namespace Glance.Benchmarks.Harness;

/// <summary>A temporary folder, deleted with what it holds.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("glance-bench-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
