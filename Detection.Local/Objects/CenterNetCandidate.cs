namespace Glance.Detection.Local.Objects;

/// <summary>
/// One row of CenterNet's <c>tower_0/detections</c> output: a heatmap peak with its box corners in the network's
/// 512x512 input pixels, its score (the peak's sigmoid) and its COCO class id.
/// </summary>
public readonly record struct CenterNetCandidate(float X1, float Y1, float X2, float Y2, float Score, int ClassId);
