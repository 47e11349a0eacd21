namespace Glance.Detection.Local.Objects;

/// <summary>
/// What one forward pass of the object network gives for a frame: the decoded detection candidates (before
/// thresholding and suppression) and the backbone embedding custom classifiers are trained on.
/// </summary>
public sealed record ObjectNetworkOutput(IReadOnlyList<CenterNetCandidate> Candidates, float[] Features);
