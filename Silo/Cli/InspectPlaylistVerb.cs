using Glance.Media.Hls;

namespace Glance.Silo.Cli;

/// <summary><c>Silo inspect playlist &lt;file-or-url&gt;</c>: the parsed playlist as JSON.</summary>
public sealed class InspectPlaylistVerb : IInspectVerb
{
    public string Name => "playlist";

    public string Usage => "<file|http(s)-url>";

    public async Task RunAsync(IReadOnlyList<string> arguments, Stream standardOutput, CancellationToken cancellationToken)
    {
        if (arguments.Count != 1)
        {
            throw new CommandLineException($"Usage: Silo inspect playlist {Usage}");
        }

        var (bytes, baseUri) = await InspectInput.ReadAsync(arguments[0], new PlaylistParserLimits().MaxBytes, cancellationToken);
        try
        {
            var playlist = PlaylistParser.Parse(bytes, baseUri);
            await using var writer = new System.Text.Json.Utf8JsonWriter(standardOutput, new System.Text.Json.JsonWriterOptions { Indented = true });
            PlaylistJson.Write(playlist, writer);
            await writer.FlushAsync(cancellationToken);
            await standardOutput.WriteAsync("\n"u8.ToArray(), cancellationToken);
        }
        catch (PlaylistParseException e)
        {
            throw new CommandLineException($"{arguments[0]}: {e.Message}");
        }
    }
}
