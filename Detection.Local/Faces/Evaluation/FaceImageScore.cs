namespace Glance.Detection.Local.Faces.Evaluation;

/// <summary>
/// How a detector did on one marked photo: faces found out of those marked (all, and the hard ones), which marked faces
/// were found (with the detection that found each), and the detections that match no face.
/// </summary>
public sealed record FaceImageScore(
    string Image, int Marked, int Found, int MarkedHard, int FoundHard, IReadOnlyList<DetectedFace?> Matches, IReadOnlyList<DetectedFace> FalsePositiveBoxes)
{
    public int FalsePositives => FalsePositiveBoxes.Count;
}
