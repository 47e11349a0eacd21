namespace Glance.Detection.Local.Text;

/// <summary>Tesseract's output was not the TSV it should be (a different version, a crash mid-write).</summary>
public sealed class TesseractOutputException(string message) : Exception(message);
