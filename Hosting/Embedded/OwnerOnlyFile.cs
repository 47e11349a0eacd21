using System.Text.Json;

namespace Glance.Hosting.Embedded;

/// <summary>
/// Small JSON files holding secrets: created readable and writable by the owner alone (never widened afterwards, so
/// there is no moment another user can read one) and put in place by a rename, so a reader never sees half a file.
/// </summary>
public static class OwnerOnlyFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes <paramref name="value"/> to <paramref name="path"/>.</summary>
    /// <param name="replace">False: an existing file wins (another process sharing the folder wrote it first) and this throws <see cref="IOException"/>.</param>
    public static void Write<T>(string path, T value, bool replace)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        File.Delete(temporary);
        try
        {
            using (var file = new FileStream(temporary, options))
            {
                JsonSerializer.Serialize(file, value, Json);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: replace);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The file's value, or null when it does not exist or cannot be read as <typeparamref name="T"/>.</summary>
    public static T? Read<T>(string path)
        where T : class
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
