namespace Glance.Detection.Local.Text;

/// <summary>An OCR engine behind the text and team detectors: PP-OCRv4 on ONNX Runtime, or Tesseract (<see cref="TextEngine"/>).</summary>
public interface ITextReader
{
    /// <param name="regions">Where to read, relative to each frame; empty reads the whole frame.</param>
    /// <param name="scope">"frame" or "segment", for the metrics.</param>
    Task<IReadOnlyList<RecognizedText>> ReadAsync(IReadOnlyList<GreyImage> frames, IReadOnlyList<BoundingBox> regions, string scope, CancellationToken cancellationToken);
}
