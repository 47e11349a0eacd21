namespace Glance.Detection.Local.Faces;

/// <summary>A face box from the detector, in pixels of the analysed image (may reach past its borders), with its score.</summary>
public sealed record DetectedFace(double X, double Y, double Width, double Height, float Score)
{
    public double Area => Width * Height;
}
