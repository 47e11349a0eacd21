namespace Glance.Grains.Interfaces.Timeline;

/// <summary>One thing seen in one frame (a detection, in the timeline's own contract).</summary>
/// <param name="Kind">face, person, label, text, logo, team, sport or moderation.</param>
/// <param name="Id">The broadcaster's id for a known person, logo or team; null for unknown faces and generic labels.</param>
/// <param name="Confidence">0..1.</param>
/// <param name="Box">Relative to the frame, when the detector localizes.</param>
[GenerateSerializer, Immutable]
public sealed record Sighting(string Kind, string? Id, string Name, double Confidence, SightingBox? Box, string Detector);

/// <summary>x, y, width, height in 0..1, origin top-left.</summary>
[GenerateSerializer, Immutable]
public sealed record SightingBox(double X, double Y, double Width, double Height);
