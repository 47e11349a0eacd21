namespace Glance.Detection.Local.Text;

/// <summary>One word of Tesseract's TSV output, in the pixels of the image Tesseract read.</summary>
/// <param name="Confidence">0..100 as Tesseract reports it.</param>
public sealed record TesseractWord(string Text, double Confidence, int Left, int Top, int Width, int Height, int Block, int Paragraph, int Line);
