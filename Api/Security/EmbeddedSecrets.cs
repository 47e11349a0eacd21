using System.Buffers.Text;
using System.Security.Cryptography;
using Glance.Hosting.Embedded;

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

    public static EmbeddedSecrets Generate() => new(
        "ga_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)),
        new SigningKey("embedded-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    /// <summary>The secrets in <paramref name="path"/>, written there first (owner-only) when the file does not exist.</summary>
    public static EmbeddedSecrets LoadOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            return Load(path);
        }

        var generated = Generate();
        try
        {
            OwnerOnlyFile.Write(path, generated, replace: false);
            return generated;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process sharing the data folder wrote it first: use theirs, so both agree.
            return Load(path);
        }
    }

    private static EmbeddedSecrets Load(string path) =>
        OwnerOnlyFile.Read<EmbeddedSecrets>(path) is { AdminKey.Length: >= 32, ViewerTokenKey: { Id.Length: > 0, Secret.Length: > 0 } } secrets
            ? secrets
            : throw new InvalidOperationException(
                $"The embedded secrets file {path} is unreadable. Restore it, or delete it to generate new keys (credentials issued so far stop working).");
}
