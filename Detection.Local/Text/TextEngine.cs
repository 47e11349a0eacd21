namespace Glance.Detection.Local.Text;

/// <summary>Which OCR engine reads text in frames ("Detection:Local:Text:Engine").</summary>
public enum TextEngine
{
    /// <summary>PaddleOCR PP-OCRv4 detection and recognition networks on ONNX Runtime: built for scene text.</summary>
    PaddleOcr,

    /// <summary>The tesseract command line (Debian package): built for scanned pages; the fallback where no model files are installed.</summary>
    Tesseract,
}
