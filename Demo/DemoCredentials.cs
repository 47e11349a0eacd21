using Glance.Hosting.Embedded;

namespace Glance.Demo;

/// <summary>
/// The demo tenant's broadcaster key, kept beside the embedded secrets so that a restart prints, and still accepts,
/// the key the first run printed. The service itself stores keys hashed; this file, like the administrator key's, is
/// the operator's plain copy, readable by the owner alone.
/// </summary>
internal sealed record DemoCredentials(string TenantId, string BroadcasterKey)
{
    public const string FileName = "demo-credentials.json";

    /// <summary>Beside the embedded secrets, or null when the store forgets at exit (and so would the key).</summary>
    public static string? PathFor(IConfiguration configuration) =>
        EmbeddedDataFolder.Of(configuration) is { } folder ? Path.Combine(folder, FileName) : null;

    public static DemoCredentials? Load(string? path) => path is null ? null : OwnerOnlyFile.Read<DemoCredentials>(path);

    public void Save(string? path)
    {
        if (path is not null)
        {
            OwnerOnlyFile.Write(path, this, replace: true);
        }
    }
}
