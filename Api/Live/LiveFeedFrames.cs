using Glance.Grains.Interfaces.Monitoring;

namespace Glance.Api.Live;

/// <summary>
/// Server-sent event frames (WHATWG HTML, "Server-sent events"): <c>state</c> first, then <c>segment</c> and
/// <c>incident</c> as they happen, <c>dropped</c> when a slow reader lost updates, and comment heartbeats. Data is
/// one line of JSON, so no frame needs splitting.
/// </summary>
public static class LiveFeedFrames
{
    public const string ContentType = "text/event-stream";

    /// <summary>How long a client waits before reconnecting after the connection drops (the field is the client's default).</summary>
    public const int RetryMilliseconds = 3000;

    public static string Retry() => $"retry: {RetryMilliseconds.ToString(CultureInfo.InvariantCulture)}\n\n";

    public static string State(IReadOnlyList<LiveMonitorState> events, JsonSerializerOptions json) =>
        Frame("state", null, JsonSerializer.Serialize(new LiveFeedState(events), json));

    /// <param name="withId">Only a one-event feed numbers its frames: a segment's sequence is unique within one event, not across events.</param>
    public static string Update(LiveMonitorUpdate update, bool withId, JsonSerializerOptions json)
    {
        ArgumentNullException.ThrowIfNull(update);
        var segment = update.Kind == LiveUpdateKind.Segment;
        return Frame(segment ? "segment" : "incident", segment && withId ? update.Sequence.ToString(CultureInfo.InvariantCulture) : null, JsonSerializer.Serialize(update, json));
    }

    public static string Dropped(long count, JsonSerializerOptions json) => Frame("dropped", null, JsonSerializer.Serialize(new LiveFeedDropped(count), json));

    public static string Heartbeat() => ": heartbeat\n\n";

    private static string Frame(string type, string? id, string data)
    {
        var frame = new StringBuilder(data.Length + 48).Append("event: ").Append(type).Append('\n');
        if (id is not null)
        {
            frame.Append("id: ").Append(id).Append('\n');
        }

        // Serialized JSON has no raw line breaks (they are escaped inside strings), so one data line carries it.
        return frame.Append("data: ").Append(data).Append("\n\n").ToString();
    }
}

/// <summary>The first frame of a feed: where each watched event's monitoring stands.</summary>
public sealed record LiveFeedState(IReadOnlyList<LiveMonitorState> Events);

/// <summary>The server dropped this many updates because the client read too slowly; it should reload the state.</summary>
public sealed record LiveFeedDropped(long Dropped);
