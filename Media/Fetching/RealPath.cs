namespace Glance.Media.Fetching;

/// <summary>
/// Resolves every symbolic link in a path, component by component (like realpath(3)), so a containment check on the
/// result cannot be escaped through a link anywhere in the path. Components that do not exist are kept as written.
/// </summary>
internal static class RealPath
{
    private const int MaxLinks = 40; // the Linux ELOOP limit

    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? Path.DirectorySeparatorChar.ToString();
        var pending = new Stack<string>();
        PushComponents(pending, full[root.Length..]);
        var current = root;
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Join(current, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"Too many levels of symbolic links in {path}.");
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target) ?? root;
                target = target[current.Length..];
            }

            PushComponents(pending, target);
        }

        return current;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> or lies below it (both resolved).</summary>
    public static bool IsUnder(string path, string directory)
    {
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var trimmed = Path.TrimEndingDirectorySeparator(directory);
        if (path.Equals(trimmed, comparison))
        {
            return true;
        }

        return path.Length > trimmed.Length
            && path.StartsWith(trimmed, comparison)
            && (path[trimmed.Length] == Path.DirectorySeparatorChar || trimmed.EndsWith(Path.DirectorySeparatorChar));
    }

    private static void PushComponents(Stack<string> pending, string relative)
    {
        var parts = relative.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }
}
