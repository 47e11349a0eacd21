using Glance.Media.Fetching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Silo.Cli;

/// <summary>
/// Reads an inspect verb's input: a local file, or an http(s) URL fetched through the same guarded fetcher as
/// ingestion (timeouts, size caps, SSRF policy; allow private networks with Ingest__AllowedNetworks__0=10.0.0.0/8).
/// </summary>
internal static class InspectInput
{
    public static async Task<(byte[] Bytes, Uri BaseUri)> ReadAsync(string fileOrUrl, long maxBytes, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(fileOrUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            await using var services = new ServiceCollection().AddLogging().AddSourceFetching(configuration).BuildServiceProvider();
            try
            {
                var fetched = await services.GetRequiredService<ISourceFetcher>().FetchSegmentAsync(uri, null, cancellationToken);
                return fetched.Bytes.Length <= maxBytes
                    ? (fetched.Bytes, fetched.FinalUrl)
                    : throw new CommandLineException($"{fileOrUrl}: {fetched.Bytes.Length} bytes is over the limit of {maxBytes}.");
            }
            catch (SourceFetchException e)
            {
                throw new CommandLineException($"{fileOrUrl}: {e.Message}");
            }
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
