using System.Runtime.CompilerServices;
namespace Glance.Detection.Local.Faces;

/// <summary>
/// dlib-style face alignment (dlib's get_face_chip_details + extract_image_chip, size 150, padding 0.25): the least
/// squares similarity transform (rotation, uniform scale, translation) that maps dlib's mean-face template onto the
/// detected eye, nose and upper-mouth landmarks, then a bilinear warp of the image into a 150x150 chip. The
/// recognition net was trained on exactly such chips, which is why this separates people far better than the box.
/// </summary>
public static class FaceChipAligner
{
    private const double Padding = 0.25;

    // dlib's mean face shape for landmarks 17..67, in the unit square (data from dlib's get_face_chip_details).
    private static readonly double[] MeanFaceX =
    [
        0.000213256, 0.0752622, 0.18113, 0.29077, 0.393397, 0.586856, 0.689483, 0.799124,
        0.904991, 0.98004, 0.490127, 0.490127, 0.490127, 0.490127, 0.36688, 0.426036,
        0.490127, 0.554217, 0.613373, 0.121737, 0.187122, 0.265825, 0.334606, 0.260918,
        0.182743, 0.645647, 0.714428, 0.793132, 0.858516, 0.79751, 0.719335, 0.254149,
        0.340985, 0.428858, 0.490127, 0.551395, 0.639268, 0.726104, 0.642159, 0.556721,
        0.490127, 0.423532, 0.338094, 0.290379, 0.428096, 0.490127, 0.552157, 0.689874,
        0.553364, 0.490127, 0.42689,
    ];

    private static readonly double[] MeanFaceY =
    [
        0.106454, 0.038915, 0.0187482, 0.0344891, 0.0773906, 0.0773906, 0.0344891,
        0.0187482, 0.038915, 0.106454, 0.203352, 0.307009, 0.409805, 0.515625, 0.587326,
        0.609345, 0.628106, 0.609345, 0.587326, 0.216423, 0.178758, 0.179852, 0.231733,
        0.245099, 0.244077, 0.231733, 0.179852, 0.178758, 0.216423, 0.244077, 0.245099,
        0.780233, 0.745405, 0.727388, 0.742578, 0.727388, 0.745405, 0.780233, 0.864805,
        0.902192, 0.909281, 0.902192, 0.864805, 0.784792, 0.778746, 0.785343, 0.778746,
        0.784792, 0.824182, 0.831803, 0.824182,
    ];

    /// <summary>Chip pixel (u, v) maps to image point (A u - B v + Tx, B u + A v + Ty).</summary>
    public readonly record struct SimilarityTransform(double A, double B, double Tx, double Ty)
    {
        public double Scale => Math.Sqrt((A * A) + (B * B));

        public double AngleRadians => Math.Atan2(B, A);

        public (double X, double Y) Apply(double u, double v) => ((A * u) - (B * v) + Tx, (B * u) + (A * v) + Ty);
    }

    /// <summary>The transform from chip pixels to image pixels, as dlib computes it from 68 landmarks.</summary>
    public static SimilarityTransform ChipToImage(FaceLandmarks landmarks, int size = 150)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        var template = TemplatePoints(size);
        Span<double> fromX = stackalloc double[template.Count], fromY = stackalloc double[template.Count];
        Span<double> toX = stackalloc double[template.Count], toY = stackalloc double[template.Count];
        var count = 0;
        foreach (var (index, u, v) in template)
        {
            fromX[count] = u;
            fromY[count] = v;
            (var x, var y) = landmarks[index];
            toX[count] = x;
            toY[count] = y;
            count++;
        }

        return LeastSquaresSimilarity(fromX[..count], fromY[..count], toX[..count], toY[..count]);
    }

    /// <summary>
    /// The landmarks dlib aligns on and where they sit in a size x size chip: the nose and eyes (27-47) and the outer
    /// and upper inner lip (48-54, 60-64); dlib ignores the jaw, the eyebrows and the lower lip.
    /// </summary>
    public static IReadOnlyList<(int Index, double U, double V)> TemplatePoints(int size = 150)
    {
        var points = new List<(int, double, double)>(33);
        for (var i = 27; i < FaceLandmarks.Count; i++)
        {
            if (i is >= 55 and <= 59 || i >= 65)
            {
                continue;
            }

            points.Add((i, (Padding + MeanFaceX[i - 17]) / ((2 * Padding) + 1) * size, (Padding + MeanFaceY[i - 17]) / ((2 * Padding) + 1) * size));
        }

        return points;
    }

    /// <summary>Least-squares fit of q = [[a, -b], [b, a]] p + t (closed form; equal to Umeyama's without reflection).</summary>
    public static SimilarityTransform LeastSquaresSimilarity(ReadOnlySpan<double> fromX, ReadOnlySpan<double> fromY, ReadOnlySpan<double> toX, ReadOnlySpan<double> toY)
    {
        var n = fromX.Length;
        double meanPx = 0, meanPy = 0, meanQx = 0, meanQy = 0;
        for (var i = 0; i < n; i++)
        {
            meanPx += fromX[i];
            meanPy += fromY[i];
            meanQx += toX[i];
            meanQy += toY[i];
        }

        meanPx /= n;
        meanPy /= n;
        meanQx /= n;
        meanQy /= n;
        double dot = 0, cross = 0, norm = 0;
        for (var i = 0; i < n; i++)
        {
            var px = fromX[i] - meanPx;
            var py = fromY[i] - meanPy;
            var qx = toX[i] - meanQx;
            var qy = toY[i] - meanQy;
            dot += (px * qx) + (py * qy);
            cross += (px * qy) - (py * qx);
            norm += (px * px) + (py * py);
        }

        if (norm <= 0)
        {
            throw new ArgumentException("The template points are degenerate.");
        }

        var a = dot / norm;
        var b = cross / norm;
        return new SimilarityTransform(a, b, meanQx - ((a * meanPx) - (b * meanPy)), meanQy - ((b * meanPx) + (a * meanPy)));
    }

    /// <summary>
    /// Warps the face into a size x size RGB chip (floats 0..255, HWC); outside the image is black, as in dlib. When the
    /// chip shrinks the face by more than 1.5x each chip pixel averages a small grid of bilinear samples, standing in
    /// for dlib's image pyramid so that large reference photos do not alias.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float[] ExtractChip(RgbImage image, SimilarityTransform transform, int size = 150)
    {
        ArgumentNullException.ThrowIfNull(image);
        var chip = new float[size * size * 3];
        var samples = Math.Clamp((int)Math.Ceiling(transform.Scale / 1.5), 1, 8);
        var pixels = image.Pixels.Span;
        var width = image.Width;
        var height = image.Height;
        var weight = 1f / (samples * samples);
        for (var v = 0; v < size; v++)
        {
            for (var u = 0; u < size; u++)
            {
                float r = 0, g = 0, b = 0;
                for (var sy = 0; sy < samples; sy++)
                {
                    var dv = samples == 1 ? 0 : ((sy + 0.5) / samples) - 0.5;
                    for (var sx = 0; sx < samples; sx++)
                    {
                        var du = samples == 1 ? 0 : ((sx + 0.5) / samples) - 0.5;
                        var (x, y) = transform.Apply(u + du, v + dv);
                        var x0 = (int)Math.Floor(x);
                        var y0 = (int)Math.Floor(y);
                        var fx = (float)(x - x0);
                        var fy = (float)(y - y0);
                        var w00 = (1 - fx) * (1 - fy);
                        var w10 = fx * (1 - fy);
                        var w01 = (1 - fx) * fy;
                        var w11 = fx * fy;
                        if (x0 >= 0 && y0 >= 0 && x0 + 1 < width && y0 + 1 < height)
                        {
                            // All four neighbours inside: no per-sample bounds checks.
                            var top = ((y0 * width) + x0) * 3;
                            var bottom = top + (width * 3);
                            r += (pixels[top] * w00) + (pixels[top + 3] * w10) + (pixels[bottom] * w01) + (pixels[bottom + 3] * w11);
                            g += (pixels[top + 1] * w00) + (pixels[top + 4] * w10) + (pixels[bottom + 1] * w01) + (pixels[bottom + 4] * w11);
                            b += (pixels[top + 2] * w00) + (pixels[top + 5] * w10) + (pixels[bottom + 2] * w01) + (pixels[bottom + 5] * w11);
                            continue;
                        }

                        for (var c = 0; c < 3; c++)
                        {
                            var value = (Sample(pixels, width, height, x0, y0, c) * w00) + (Sample(pixels, width, height, x0 + 1, y0, c) * w10)
                                + (Sample(pixels, width, height, x0, y0 + 1, c) * w01) + (Sample(pixels, width, height, x0 + 1, y0 + 1, c) * w11);
                            if (c == 0)
                            {
                                r += value;
                            }
                            else if (c == 1)
                            {
                                g += value;
                            }
                            else
                            {
                                b += value;
                            }
                        }
                    }
                }

                var o = ((v * size) + u) * 3;
                chip[o] = r * weight;
                chip[o + 1] = g * weight;
                chip[o + 2] = b * weight;
            }
        }

        return chip;
    }

    private static float Sample(ReadOnlySpan<byte> pixels, int width, int height, int x, int y, int channel) =>
        (uint)x < (uint)width && (uint)y < (uint)height ? pixels[(((y * width) + x) * 3) + channel] : 0f;
}
