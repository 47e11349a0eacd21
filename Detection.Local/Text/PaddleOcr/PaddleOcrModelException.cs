namespace Glance.Detection.Local.Text.PaddleOcr;

/// <summary>The PP-OCRv4 model files are missing or unusable; the message says how to install them.</summary>
public sealed class PaddleOcrModelException(string message, Exception? inner = null) : Exception(message, inner);
