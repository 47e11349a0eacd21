using System.Text;
using System.Text.Json;

namespace Glance.Tests.Monitoring;

/// <summary>Reads a server-sent event stream frame by frame, as a browser's parser does (comments skipped).</summary>
internal sealed class FeedReader : IDisposable
{
    private readonly HttpResponseMessage response;
    private readonly StreamReader reader;

    private FeedReader(HttpResponseMessage response, Stream body)
    {
        this.response = response;
        reader = new StreamReader(body, Encoding.UTF8);
    }

    public static async Task<FeedReader> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, await ErrorAsync(response));
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        return new FeedReader(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next frame with data, within <paramref name="within"/>.</summary>
    public async Task<Frame> NextAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        string? type = null;
        string? id = null;
        var data = new StringBuilder();
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("The feed ended.");
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    return new Frame(type ?? "message", id, JsonDocument.Parse(data.ToString()).RootElement.Clone());
                }

                type = null;
                id = null;
                continue;
            }

            if (line.StartsWith(':'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "event": type = value; break;
                case "id": id = value; break;
                case "data": data.Append(value); break;
            }
        }
    }

    /// <summary>Reads until a comment line (the server's keep-alive), within <paramref name="within"/>.</summary>
    public async Task<string> CommentAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("The feed ended.");
            if (line.StartsWith(':'))
            {
                return line;
            }
        }
    }

    /// <summary>Skips frames of other types (and those <paramref name="wanted"/> refuses, such as a repeat) until one of <paramref name="type"/>.</summary>
    public async Task<Frame> NextOfAsync(string type, TimeSpan within, Func<Frame, bool>? wanted = null)
    {
        var deadline = DateTime.UtcNow + within;
        for (var read = 0; read < 1000; read++)
        {
            var frame = await NextAsync(deadline - DateTime.UtcNow);
            if (frame.Type == type && (wanted is null || wanted(frame)))
            {
                return frame;
            }
        }

        throw new InvalidOperationException($"No '{type}' frame in 1000.");
    }

    public void Dispose()
    {
        reader.Dispose();
        response.Dispose();
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response) =>
        response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync();

    public sealed record Frame(string Type, string? Id, JsonElement Data);
}
