namespace Glance.Detection.Local.Teams;

/// <summary>A team named on screen: which team, how sure (OCR confidence less a penalty per edit), where, and what was read.</summary>
public sealed record TeamTextMatch(string TeamId, double Confidence, BoundingBox Box, string Read);
