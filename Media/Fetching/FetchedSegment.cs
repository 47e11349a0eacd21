namespace Glance.Media.Fetching;

/// <summary>A segment's bytes (exactly the requested range when one was given), held in memory.</summary>
public sealed record FetchedSegment(Uri Source, Uri FinalUrl, byte[] Bytes, FetchRange? Range, int Attempts);
