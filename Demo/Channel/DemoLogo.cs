namespace Glance.Demo.Channel;

/// <summary>The station logo overlaid in the top-right corner the whole time, to register as a known logo.</summary>
/// <param name="Png">The logo template: exactly the picture overlaid, at its size in a 720-line frame.</param>
/// <param name="WidthOnAir">Its width on air in a 720-line frame (the logo matcher's reference height), in pixels.</param>
public sealed record DemoLogo(string Id, string Name, byte[] Png, int WidthOnAir, int HeightOnAir);
