namespace Glance.Media.Hls;

/// <summary>Which part of a segment URI identifies the segment when the cursor checks a sequence number still names it.</summary>
public enum SegmentIdentity
{
    /// <summary>
    /// The path only. CDNs rotate hosts and signed query tokens between reloads for the very same segment; comparing them
    /// would mistake every reload for a restart.
    /// </summary>
    Path,

    /// <summary>The whole URI, for servers that name segments only in the query string.</summary>
    FullUri,
}
