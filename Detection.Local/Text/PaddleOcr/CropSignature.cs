namespace Glance.Detection.Local.Text.PaddleOcr;

/// <summary>One line crop of a candidate region: where it sits in the frame (its crop pixels mapped back) and its ink.</summary>
public sealed record CropSignature(PixelRect Place, InkMask Ink);
