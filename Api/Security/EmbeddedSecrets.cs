using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Glance.Api.Security;

/// <summary>
/// The secrets an embedded run generates when none are configured: the administrator key and a viewer-token signing
/// key. With a SQLite store they live in a file beside the database (owner read/write only), so they last exactly as
/// long as the data they protect: a restart keeps tenants and events, so it must keep the key that opens them and
/// the key that signed the tokens already handed to viewers.
/// </summary>
public sealed record EmbeddedSecrets(string AdminKey, SigningKey ViewerTokenKey)
{
    public const string FileName = "embedded-secrets.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static EmbeddedSecrets Generate() => new(
        "ga_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)),
        new SigningKey("embedded-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    /// <summary>The secrets in <paramref name="path"/>, written there first (mode 0600) when the file does not exist.</summary>
    public static EmbeddedSecrets LoadOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            return Load(path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var generated = Generate();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // Created with these permissions, never widened afterwards: there is no moment another user can read it.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var file = new FileStream(path, options))
            {
                JsonSerializer.Serialize(file, generated, Json);
                file.Flush(flushToDisk: true);
            }

            return generated;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process sharing the data folder wrote it first: use theirs, so both agree.
            return Load(path);
        }
    }

    private static EmbeddedSecrets Load(string path)
    {
        try
        {
            var secrets = JsonSerializer.Deserialize<EmbeddedSecrets>(File.ReadAllText(path), Json);
            if (secrets is { AdminKey.Length: >= 32, ViewerTokenKey: { Id.Length: > 0, Secret.Length: > 0 } })
            {
                return secrets;
            }
        }
        catch (JsonException)
        {
        }

        throw new InvalidOperationException(
            $"The embedded secrets file {path} is unreadable. Restore it, or delete it to generate new keys (credentials issued so far stop working).");
    }
}
