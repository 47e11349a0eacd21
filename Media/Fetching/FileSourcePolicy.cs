using Microsoft.Win32.SafeHandles;

namespace Glance.Media.Fetching;

/// <summary>
/// Decides whether a file:// source may be read: it must resolve, links followed, into one of the allowed roots.
/// On Linux the opened handle is checked again through /proc/self/fd, so a link swapped in between the check and
/// the open is caught too.
/// </summary>
internal sealed class FileSourcePolicy(SourceAccessOptions options)
{
    private static readonly string RootsKey = $"{SourceAccessOptions.SectionName}:{nameof(SourceAccessOptions.AllowedFileRoots)}";

    /// <summary>The resolved path of an allowed file source; throws <see cref="SourceAccessDeniedException"/> otherwise.</summary>
    public string ResolveAllowedPath(Uri url)
    {
        if (!options.AllowFileSources)
        {
            throw new SourceAccessDeniedException(SourceAccessDeniedReason.FileNotAllowed, "File sources are turned off.");
        }

        if (url.IsUnc || url.Host.Length > 0)
        {
            throw new SourceAccessDeniedException(SourceAccessDeniedReason.FileNotAllowed, "Only local files can be file sources, not network shares.", url.Host);
        }

        string resolved;
        try
        {
            resolved = RealPath.Resolve(url.LocalPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SourceAccessDeniedException(SourceAccessDeniedReason.FileNotAllowed, $"The file path {url.LocalPath} cannot be resolved: {e.Message}", inner: e);
        }

        foreach (var root in options.AllowedFileRoots)
        {
            if (string.IsNullOrWhiteSpace(root))
            {
                continue;
            }

            string resolvedRoot;
            try
            {
                resolvedRoot = RealPath.Resolve(root);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                continue;
            }

            if (RealPath.IsUnder(resolved, resolvedRoot))
            {
                return resolved;
            }
        }

        throw new SourceAccessDeniedException(
            SourceAccessDeniedReason.FileNotAllowed, $"The file {url.LocalPath} is outside the directories file sources may be read from ({RootsKey}).");
    }

    /// <summary>Confirms that the handle opened for <paramref name="resolvedPath"/> really is that file.</summary>
    public static void EnsureOpenedAsResolved(SafeFileHandle handle, string resolvedPath)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var descriptorLink = new FileInfo($"/proc/self/fd/{handle.DangerousGetHandle()}").LinkTarget;
        if (descriptorLink is not null && !string.Equals(descriptorLink, resolvedPath, StringComparison.Ordinal))
        {
            throw new SourceAccessDeniedException(
                SourceAccessDeniedReason.FileNotAllowed, $"The file {resolvedPath} was replaced by a link while being opened; it is not read.");
        }
    }
}
