namespace Glance.Silo.Cli;

/// <summary>Reads an inspect verb's input: a local file (bounded in size).</summary>
internal static class InspectInput
{
    public static async Task<(byte[] Bytes, Uri BaseUri)> ReadAsync(string fileOrUrl, long maxBytes, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(fileOrUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            throw new CommandLineException("Reading from a URL needs the source fetcher; pass a file for now.");
        }

        var path = Path.GetFullPath(fileOrUrl);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new CommandLineException($"{fileOrUrl}: no such file.");
        }

        if (info.Length > maxBytes)
        {
            throw new CommandLineException($"{fileOrUrl}: {info.Length} bytes is over the limit of {maxBytes}.");
        }

        return (await File.ReadAllBytesAsync(path, cancellationToken), new Uri(path));
    }
}
