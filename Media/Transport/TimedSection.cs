namespace Glance.Media.Transport;

/// <summary>A section to carry in a transport stream, and the presentation time (90 kHz) of the access unit it goes before.</summary>
public sealed record TimedSection(long Pts, byte[] Section);
