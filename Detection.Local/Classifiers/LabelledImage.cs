namespace Glance.Detection.Local.Classifiers;

/// <summary>One training example: a decoded frame and the class the broadcaster says it shows.</summary>
public sealed record LabelledImage(RgbImage Image, string Label);
