namespace Glance.Detection.Local.Objects;

/// <summary>
/// Turns an RGB24 frame into the network's square float input (0..255 values, NHWC) by bilinear resampling with
/// TF.js's <c>tf.image.resizeBilinear</c> conventions (no corner alignment, no half-pixel centres), computed in double
/// precision as TF.js's CPU kernel does, straight from the bytes: no full-frame float copy.
/// </summary>
public static class NetworkInputResizer
{
    /// <summary>Largest supported side; the per-column tables live on the stack.</summary>
    public const int MaxSize = 2048;

    /// <param name="destination">size * size * 3 floats.</param>
    public static void Resize(RgbImage image, int size, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxSize);
        if (destination.Length < size * size * 3)
        {
            throw new ArgumentException($"The destination needs {size * size * 3} floats.", nameof(destination));
        }

        var pixels = image.Pixels.Span;
        var stride = image.Stride;
        var ratioY = image.Height / (double)size;
        var ratioX = image.Width / (double)size;
        Span<int> left = stackalloc int[size];
        Span<int> right = stackalloc int[size];
        Span<double> fractionX = stackalloc double[size];
        for (var x = 0; x < size; x++)
        {
            var source = ratioX * x;
            var floor = (int)Math.Floor(source);
            left[x] = floor * 3;
            right[x] = Math.Min(image.Width - 1, (int)Math.Ceiling(source)) * 3;
            fractionX[x] = source - floor;
        }

        for (var y = 0; y < size; y++)
        {
            var source = ratioY * y;
            var floor = (int)Math.Floor(source);
            var fractionY = source - floor;
            var top = pixels.Slice(floor * stride, stride);
            var bottom = pixels.Slice(Math.Min(image.Height - 1, (int)Math.Ceiling(source)) * stride, stride);
            var row = destination.Slice(y * size * 3, size * 3);
            for (var x = 0; x < size; x++)
            {
                var (l, r, fx) = (left[x], right[x], fractionX[x]);
                for (var c = 0; c < 3; c++)
                {
                    double topLeft = top[l + c], topRight = top[r + c], bottomLeft = bottom[l + c], bottomRight = bottom[r + c];
                    var upper = topLeft + ((topRight - topLeft) * fx);
                    var lower = bottomLeft + ((bottomRight - bottomLeft) * fx);
                    row[(x * 3) + c] = (float)(upper + ((lower - upper) * fractionY));
                }
            }
        }
    }
}
