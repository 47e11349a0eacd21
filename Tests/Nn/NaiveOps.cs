namespace Glance.Tests.Nn;

/// <summary>Straightforward loops straight from the definitions, to check the optimized ops against.</summary>
internal static class NaiveOps
{
    public static float[] Conv2D(float[] input, int n, int h, int w, int c, float[] filter, int kh, int kw, int outC, float[] bias, int sy, int sx, bool same, int dilation, out int oh, out int ow)
    {
        var ekh = ((kh - 1) * dilation) + 1;
        var ekw = ((kw - 1) * dilation) + 1;
        int padTop = 0, padLeft = 0;
        if (same)
        {
            oh = (h + sy - 1) / sy;
            ow = (w + sx - 1) / sx;
            padTop = Math.Max(((oh - 1) * sy) + ekh - h, 0) / 2;
            padLeft = Math.Max(((ow - 1) * sx) + ekw - w, 0) / 2;
        }
        else
        {
            oh = ((h - ekh) / sy) + 1;
            ow = ((w - ekw) / sx) + 1;
        }

        var output = new float[n * oh * ow * outC];
        for (var b = 0; b < n; b++)
        for (var oy = 0; oy < oh; oy++)
        for (var ox = 0; ox < ow; ox++)
        for (var o = 0; o < outC; o++)
        {
            double sum = bias.Length > 0 ? bias[o] : 0;
            for (var ky = 0; ky < kh; ky++)
            for (var kx = 0; kx < kw; kx++)
            {
                var iy = (oy * sy) - padTop + (ky * dilation);
                var ix = (ox * sx) - padLeft + (kx * dilation);
                if (iy < 0 || iy >= h || ix < 0 || ix >= w)
                {
                    continue;
                }

                for (var i = 0; i < c; i++)
                {
                    sum += input[(((b * h) + iy) * w + ix) * c + i] * filter[(((ky * kw) + kx) * c + i) * outC + o];
                }
            }

            output[(((b * oh) + oy) * ow + ox) * outC + o] = (float)sum;
        }

        return output;
    }

    public static float[] Depthwise(float[] input, int h, int w, int c, float[] filter, int kh, int kw, int mult, float[] bias, int stride, bool same, out int oh, out int ow)
    {
        int padTop = 0, padLeft = 0;
        if (same)
        {
            oh = (h + stride - 1) / stride;
            ow = (w + stride - 1) / stride;
            padTop = Math.Max(((oh - 1) * stride) + kh - h, 0) / 2;
            padLeft = Math.Max(((ow - 1) * stride) + kw - w, 0) / 2;
        }
        else
        {
            oh = ((h - kh) / stride) + 1;
            ow = ((w - kw) / stride) + 1;
        }

        var outC = c * mult;
        var output = new float[oh * ow * outC];
        for (var oy = 0; oy < oh; oy++)
        for (var ox = 0; ox < ow; ox++)
        for (var i = 0; i < c; i++)
        for (var m = 0; m < mult; m++)
        {
            double sum = bias.Length > 0 ? bias[(i * mult) + m] : 0;
            for (var ky = 0; ky < kh; ky++)
            for (var kx = 0; kx < kw; kx++)
            {
                var iy = (oy * stride) - padTop + ky;
                var ix = (ox * stride) - padLeft + kx;
                if (iy >= 0 && iy < h && ix >= 0 && ix < w)
                {
                    sum += input[((iy * w) + ix) * c + i] * filter[(((ky * kw) + kx) * c + i) * mult + m];
                }
            }

            output[((oy * ow) + ox) * outC + (i * mult) + m] = (float)sum;
        }

        return output;
    }

    public static float[] Random(Random random, int count, float scale = 1f) =>
        Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1) * scale).ToArray();

    public static void ShouldBeClose(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected, float tolerance)
    {
        actual.Length.Should().Be(expected.Length);
        for (var i = 0; i < actual.Length; i++)
        {
            var allowed = tolerance * Math.Max(1f, Math.Abs(expected[i]));
            if (!(Math.Abs(actual[i] - expected[i]) <= allowed))
            {
                throw new Xunit.Sdk.XunitException($"Element {i}: expected {expected[i]}, got {actual[i]} (tolerance {allowed}).");
            }
        }
    }
}
