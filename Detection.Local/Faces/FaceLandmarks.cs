namespace Glance.Detection.Local.Faces;

/// <summary>The 68 iBUG/dlib facial landmarks of one face, in pixels of the analysed image (x0, y0, x1, y1, ...).</summary>
public sealed record FaceLandmarks(float[] Coordinates)
{
    public const int Count = 68;

    public (float X, float Y) this[int index] => (Coordinates[2 * index], Coordinates[(2 * index) + 1]);
}
