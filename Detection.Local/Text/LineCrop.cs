namespace Glance.Detection.Local.Text;

/// <summary>
/// One candidate word of a text line cut out, cleaned (only its character blobs, black on white) and scaled for Tesseract, with
/// the affine map from its pixels back to the frame's.
/// </summary>
/// <param name="FrameX">Frame x of the crop's left edge.</param>
/// <param name="FramePixelsPerPixelX">Frame pixels per crop pixel, horizontally.</param>
/// <param name="Line">Crops of one text line (its words) share this number.</param>
public sealed record LineCrop(GreyImage Image, double FrameX, double FrameY, double FramePixelsPerPixelX, double FramePixelsPerPixelY, int Characters, int Line);
