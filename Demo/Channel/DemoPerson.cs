namespace Glance.Demo.Channel;

/// <summary>The person the channel shows, to register in the event's face gallery.</summary>
/// <param name="Photo">PNG of the photo as shown (before scaling to the on-air size): one face, large enough to describe.</param>
/// <param name="Source">Where the photo comes from, for a README or a log line.</param>
public sealed record DemoPerson(string Id, string Name, byte[] Photo, string Source);
