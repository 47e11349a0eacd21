using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Glance.Inference.Nn;

/// <summary>
/// C = act(A x B + bias) for a row-major A (M x K, row stride lda) and a <see cref="PackedMatrix"/> B. An 8x16
/// AVX-512 kernel (8 accumulators of 16 floats) where the CPU has it, else a 4x16 AVX2 kernel (8 accumulators of 8
/// floats, FMA where available), runs over K in blocks of
/// <see cref="KBlock"/> so that the current B sub-panel (KBlock x 16 floats = 16 KB) stays in L1 while the rows of A
/// stream past it. Single-threaded: callers parallelize over row ranges.
/// </summary>
public static class Gemm
{
    private const int Mr = 4;
    private const int Nr = PackedMatrix.PanelWidth;
    private const int KBlock = 256;

    public static void Multiply(ReadOnlySpan<float> a, int m, int lda, PackedMatrix b, Activation activation, Span<float> c, int ldc)
    {
        ArgumentNullException.ThrowIfNull(b);
        if (m <= 0)
        {
            return;
        }

        var k = b.Rows;
        var n = b.Columns;
        if (lda < k || ldc < n || a.Length < ((m - 1) * (long)lda) + k || c.Length < ((m - 1) * (long)ldc) + n)
        {
            throw new NnShapeException($"GEMM operands do not fit: M={m} K={k} N={n} lda={lda} ldc={ldc} |A|={a.Length} |C|={c.Length}.");
        }

        if (Vector256.IsHardwareAccelerated)
        {
            MultiplyVectorized(a, m, lda, b, activation, c, ldc);
        }
        else
        {
            MultiplyScalar(a, m, lda, b, activation, c, ldc);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyVectorized(ReadOnlySpan<float> a, int m, int lda, PackedMatrix b, Activation activation, Span<float> c, int ldc)
    {
        var k = b.Rows;
        var n = b.Columns;
        ref var aRef = ref MemoryMarshal.GetReference(a);
        ref var cRef = ref MemoryMarshal.GetReference(c);
        ref var panelsRef = ref MemoryMarshal.GetArrayDataReference(b.Panels);
        ref var biasRef = ref MemoryMarshal.GetArrayDataReference(b.Bias);
        Span<float> edge = stackalloc float[Mr * Nr];
        ref var edgeRef = ref MemoryMarshal.GetReference(edge);

        for (var k0 = 0; k0 < k; k0 += KBlock)
        {
            var kc = Math.Min(KBlock, k - k0);
            var first = k0 == 0;
            var last = k0 + kc == k;
            var kernelActivation = last ? activation : Activation.None;
            for (var panel = 0; panel < b.PanelCount; panel++)
            {
                ref var panelRef = ref Unsafe.Add(ref panelsRef, (panel * k * Nr) + (k0 * Nr));
                ref var panelBias = ref Unsafe.Add(ref biasRef, panel * Nr);
                var column = panel * Nr;
                var columns = Math.Min(Nr, n - column);
                var i = 0;
                if (Vector512.IsHardwareAccelerated)
                {
                    // AVX-512: a panel row is exactly one 16-float register, so eight rows fit in eight accumulators.
                    for (; i + 8 <= m && columns == Nr; i += 8)
                    {
                        Kernel8x16(ref Unsafe.Add(ref aRef, (i * lda) + k0), lda, ref panelRef, kc, ref Unsafe.Add(ref cRef, (i * ldc) + column), ldc, first, ref panelBias, kernelActivation);
                    }
                }

                for (; i < m; i += Mr)
                {
                    var rows = Math.Min(Mr, m - i);
                    ref var aRow = ref Unsafe.Add(ref aRef, (i * lda) + k0);
                    ref var cBlock = ref Unsafe.Add(ref cRef, (i * ldc) + column);
                    if (rows == Mr && columns == Nr)
                    {
                        Kernel4x16(ref aRow, lda, ref panelRef, kc, ref cBlock, ldc, first, ref panelBias, kernelActivation);
                        continue;
                    }

                    // Edge tile: go through a full 4x16 scratch tile so the kernel never reads or writes past C.
                    edge.Clear();
                    for (var r = 0; r < rows; r++)
                    {
                        if (!first)
                        {
                            c.Slice(((i + r) * ldc) + column, columns).CopyTo(edge.Slice(r * Nr, columns));
                        }
                    }

                    for (var r = 0; r < rows; r++)
                    {
                        KernelRow(ref Unsafe.Add(ref aRow, r * lda), ref panelRef, kc, ref Unsafe.Add(ref edgeRef, r * Nr), first, ref panelBias, kernelActivation);
                    }

                    for (var r = 0; r < rows; r++)
                    {
                        edge.Slice(r * Nr, columns).CopyTo(c.Slice(((i + r) * ldc) + column, columns));
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MultiplyAdd(Vector256<float> x, Vector256<float> y, Vector256<float> addend) =>
        Fma.IsSupported ? Fma.MultiplyAdd(x, y, addend) : (x * y) + addend;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Activate(Vector256<float> value, Activation activation)
    {
        switch (activation.Kind)
        {
            case ActivationKind.Relu:
                return Vector256.Max(value, Vector256<float>.Zero);
            case ActivationKind.Relu6:
                return Vector256.Min(Vector256.Max(value, Vector256<float>.Zero), Vector256.Create(6f));
            case ActivationKind.LeakyRelu:
                var scaled = value * Vector256.Create(activation.Alpha);
                return Vector256.ConditionalSelect(Vector256.GreaterThan(value, Vector256<float>.Zero), value, scaled);
            default:
                return value;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Activate(Vector512<float> value, Activation activation)
    {
        switch (activation.Kind)
        {
            case ActivationKind.Relu:
                return Vector512.Max(value, Vector512<float>.Zero);
            case ActivationKind.Relu6:
                return Vector512.Min(Vector512.Max(value, Vector512<float>.Zero), Vector512.Create(6f));
            case ActivationKind.LeakyRelu:
                var scaled = value * Vector512.Create(activation.Alpha);
                return Vector512.ConditionalSelect(Vector512.GreaterThan(value, Vector512<float>.Zero), value, scaled);
            default:
                return value;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel8x16(ref float a, int lda, ref float panel, int kc, ref float c, int ldc, bool first, ref float bias, Activation activation)
    {
        Vector512<float> c0, c1, c2, c3, c4, c5, c6, c7;
        if (first)
        {
            c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = Vector512.LoadUnsafe(ref bias);
        }
        else
        {
            c0 = Vector512.LoadUnsafe(ref c);
            c1 = Vector512.LoadUnsafe(ref c, (nuint)ldc);
            c2 = Vector512.LoadUnsafe(ref c, (nuint)(2 * ldc));
            c3 = Vector512.LoadUnsafe(ref c, (nuint)(3 * ldc));
            c4 = Vector512.LoadUnsafe(ref c, (nuint)(4 * ldc));
            c5 = Vector512.LoadUnsafe(ref c, (nuint)(5 * ldc));
            c6 = Vector512.LoadUnsafe(ref c, (nuint)(6 * ldc));
            c7 = Vector512.LoadUnsafe(ref c, (nuint)(7 * ldc));
        }

        ref var a1 = ref Unsafe.Add(ref a, lda);
        ref var a2 = ref Unsafe.Add(ref a, 2 * lda);
        ref var a3 = ref Unsafe.Add(ref a, 3 * lda);
        ref var a4 = ref Unsafe.Add(ref a, 4 * lda);
        ref var a5 = ref Unsafe.Add(ref a, 5 * lda);
        ref var a6 = ref Unsafe.Add(ref a, 6 * lda);
        ref var a7 = ref Unsafe.Add(ref a, 7 * lda);
        for (var kk = 0; kk < kc; kk++)
        {
            var b = Vector512.LoadUnsafe(ref panel, (nuint)(kk * Nr));
            c0 = Vector512.FusedMultiplyAdd(b, Vector512.Create(Unsafe.Add(ref a, kk)), c0);
            c1 = Vector512.FusedMultiplyAdd(b, Vector512.Create(Unsafe.Add(ref a1, kk)), c1);
            c2 = Vector512.FusedMultiplyAdd(b, Vector512.Create(Unsafe.Add(ref a2, kk)), c2);
            c3 = Vector512.FusedMultiplyAdd(b, Vector512.Create(Unsafe.Add(ref a3, kk)), c3);
            c4 = Vector512.FusedMultiplyAdd(b, Vector512.Create(Unsafe.Add(ref a4, kk)), c4);
            c5 = Vector512.FusedMultiplyAdd(b, Vector512.Create(Unsafe.Add(ref a5, kk)), c5);
            c6 = Vector512.FusedMultiplyAdd(b, Vector512.Create(Unsafe.Add(ref a6, kk)), c6);
            c7 = Vector512.FusedMultiplyAdd(b, Vector512.Create(Unsafe.Add(ref a7, kk)), c7);
        }

        Activate(c0, activation).StoreUnsafe(ref c);
        Activate(c1, activation).StoreUnsafe(ref c, (nuint)ldc);
        Activate(c2, activation).StoreUnsafe(ref c, (nuint)(2 * ldc));
        Activate(c3, activation).StoreUnsafe(ref c, (nuint)(3 * ldc));
        Activate(c4, activation).StoreUnsafe(ref c, (nuint)(4 * ldc));
        Activate(c5, activation).StoreUnsafe(ref c, (nuint)(5 * ldc));
        Activate(c6, activation).StoreUnsafe(ref c, (nuint)(6 * ldc));
        Activate(c7, activation).StoreUnsafe(ref c, (nuint)(7 * ldc));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel4x16(ref float a, int lda, ref float panel, int kc, ref float c, int ldc, bool first, ref float bias, Activation activation)
    {
        Vector256<float> c00, c01, c10, c11, c20, c21, c30, c31;
        ref var c1 = ref Unsafe.Add(ref c, ldc);
        ref var c2 = ref Unsafe.Add(ref c, 2 * ldc);
        ref var c3 = ref Unsafe.Add(ref c, 3 * ldc);
        if (first)
        {
            c00 = c10 = c20 = c30 = Vector256.LoadUnsafe(ref bias);
            c01 = c11 = c21 = c31 = Vector256.LoadUnsafe(ref bias, 8);
        }
        else
        {
            c00 = Vector256.LoadUnsafe(ref c);
            c01 = Vector256.LoadUnsafe(ref c, 8);
            c10 = Vector256.LoadUnsafe(ref c1);
            c11 = Vector256.LoadUnsafe(ref c1, 8);
            c20 = Vector256.LoadUnsafe(ref c2);
            c21 = Vector256.LoadUnsafe(ref c2, 8);
            c30 = Vector256.LoadUnsafe(ref c3);
            c31 = Vector256.LoadUnsafe(ref c3, 8);
        }

        ref var a1 = ref Unsafe.Add(ref a, lda);
        ref var a2 = ref Unsafe.Add(ref a, 2 * lda);
        ref var a3 = ref Unsafe.Add(ref a, 3 * lda);
        for (var kk = 0; kk < kc; kk++)
        {
            var b0 = Vector256.LoadUnsafe(ref panel, (nuint)(kk * Nr));
            var b1 = Vector256.LoadUnsafe(ref panel, (nuint)((kk * Nr) + 8));
            var x = Vector256.Create(Unsafe.Add(ref a, kk));
            c00 = MultiplyAdd(b0, x, c00);
            c01 = MultiplyAdd(b1, x, c01);
            x = Vector256.Create(Unsafe.Add(ref a1, kk));
            c10 = MultiplyAdd(b0, x, c10);
            c11 = MultiplyAdd(b1, x, c11);
            x = Vector256.Create(Unsafe.Add(ref a2, kk));
            c20 = MultiplyAdd(b0, x, c20);
            c21 = MultiplyAdd(b1, x, c21);
            x = Vector256.Create(Unsafe.Add(ref a3, kk));
            c30 = MultiplyAdd(b0, x, c30);
            c31 = MultiplyAdd(b1, x, c31);
        }

        Activate(c00, activation).StoreUnsafe(ref c);
        Activate(c01, activation).StoreUnsafe(ref c, 8);
        Activate(c10, activation).StoreUnsafe(ref c1);
        Activate(c11, activation).StoreUnsafe(ref c1, 8);
        Activate(c20, activation).StoreUnsafe(ref c2);
        Activate(c21, activation).StoreUnsafe(ref c2, 8);
        Activate(c30, activation).StoreUnsafe(ref c3);
        Activate(c31, activation).StoreUnsafe(ref c3, 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void KernelRow(ref float a, ref float panel, int kc, ref float c, bool first, ref float bias, Activation activation)
    {
        var c0 = first ? Vector256.LoadUnsafe(ref bias) : Vector256.LoadUnsafe(ref c);
        var c1 = first ? Vector256.LoadUnsafe(ref bias, 8) : Vector256.LoadUnsafe(ref c, 8);
        for (var kk = 0; kk < kc; kk++)
        {
            var x = Vector256.Create(Unsafe.Add(ref a, kk));
            c0 = MultiplyAdd(Vector256.LoadUnsafe(ref panel, (nuint)(kk * Nr)), x, c0);
            c1 = MultiplyAdd(Vector256.LoadUnsafe(ref panel, (nuint)((kk * Nr) + 8)), x, c1);
        }

        Activate(c0, activation).StoreUnsafe(ref c);
        Activate(c1, activation).StoreUnsafe(ref c, 8);
    }

    /// <summary>
    /// Implicit-im2col tile for convolutions whose whole K fits in L1 (small input depth): four output pixels whose
    /// receptive fields lie inside the image read their A rows straight from the NHWC image, one contiguous segment of
    /// kernelWidth * channels floats per kernel row, instead of from a copied im2col matrix.
    /// </summary>
    /// <param name="origins">Image offsets of each pixel's first tap (kernel row 0, column 0).</param>
    /// <param name="kyFirst">First kernel row inside the image (rows outside contribute zero).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ImplicitTile4(
        ReadOnlySpan<float> image, int rowStride, int segment, int kyFirst, int kyEnd, ReadOnlySpan<int> origins, PackedMatrix b, Activation activation, Span<float> c, int ldc)
    {
        ref var imageRef = ref MemoryMarshal.GetReference(image);
        ref var panelsRef = ref MemoryMarshal.GetArrayDataReference(b.Panels);
        ref var biasRef = ref MemoryMarshal.GetArrayDataReference(b.Bias);
        var k = b.Rows;
        Span<float> edge = stackalloc float[Mr * Nr];
        for (var panel = 0; panel < b.PanelCount; panel++)
        {
            var column = panel * Nr;
            var columns = Math.Min(Nr, b.Columns - column);
            ref var panelRef = ref Unsafe.Add(ref panelsRef, panel * k * Nr);
            var c00 = Vector256.LoadUnsafe(ref biasRef, (nuint)column);
            var c01 = Vector256.LoadUnsafe(ref biasRef, (nuint)(column + 8));
            Vector256<float> c10 = c00, c11 = c01, c20 = c00, c21 = c01, c30 = c00, c31 = c01;
            for (var ky = kyFirst; ky < kyEnd; ky++)
            {
                ref var a0 = ref Unsafe.Add(ref imageRef, origins[0] + (ky * rowStride));
                ref var a1 = ref Unsafe.Add(ref imageRef, origins[1] + (ky * rowStride));
                ref var a2 = ref Unsafe.Add(ref imageRef, origins[2] + (ky * rowStride));
                ref var a3 = ref Unsafe.Add(ref imageRef, origins[3] + (ky * rowStride));
                ref var bRow = ref Unsafe.Add(ref panelRef, ky * segment * Nr);
                for (var j = 0; j < segment; j++)
                {
                    var b0 = Vector256.LoadUnsafe(ref bRow, (nuint)(j * Nr));
                    var b1 = Vector256.LoadUnsafe(ref bRow, (nuint)((j * Nr) + 8));
                    var x = Vector256.Create(Unsafe.Add(ref a0, j));
                    c00 = MultiplyAdd(b0, x, c00);
                    c01 = MultiplyAdd(b1, x, c01);
                    x = Vector256.Create(Unsafe.Add(ref a1, j));
                    c10 = MultiplyAdd(b0, x, c10);
                    c11 = MultiplyAdd(b1, x, c11);
                    x = Vector256.Create(Unsafe.Add(ref a2, j));
                    c20 = MultiplyAdd(b0, x, c20);
                    c21 = MultiplyAdd(b1, x, c21);
                    x = Vector256.Create(Unsafe.Add(ref a3, j));
                    c30 = MultiplyAdd(b0, x, c30);
                    c31 = MultiplyAdd(b1, x, c31);
                }
            }

            ref var edgeRef = ref MemoryMarshal.GetReference(edge);
            Activate(c00, activation).StoreUnsafe(ref edgeRef);
            Activate(c01, activation).StoreUnsafe(ref edgeRef, 8);
            Activate(c10, activation).StoreUnsafe(ref edgeRef, 16);
            Activate(c11, activation).StoreUnsafe(ref edgeRef, 24);
            Activate(c20, activation).StoreUnsafe(ref edgeRef, 32);
            Activate(c21, activation).StoreUnsafe(ref edgeRef, 40);
            Activate(c30, activation).StoreUnsafe(ref edgeRef, 48);
            Activate(c31, activation).StoreUnsafe(ref edgeRef, 56);
            for (var r = 0; r < Mr; r++)
            {
                edge.Slice(r * Nr, columns).CopyTo(c.Slice((r * ldc) + column, columns));
            }
        }
    }

    /// <summary>The AVX-512 form of <see cref="ImplicitTile4"/>: eight pixels, one 16-float register per pixel and panel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ImplicitTile8(
        ReadOnlySpan<float> image, int rowStride, int segment, int kyFirst, int kyEnd, ReadOnlySpan<int> origins, PackedMatrix b, Activation activation, Span<float> c, int ldc)
    {
        ref var imageRef = ref MemoryMarshal.GetReference(image);
        ref var panelsRef = ref MemoryMarshal.GetArrayDataReference(b.Panels);
        ref var biasRef = ref MemoryMarshal.GetArrayDataReference(b.Bias);
        var k = b.Rows;
        Span<float> edge = stackalloc float[8 * Nr];
        ref var edgeRef = ref MemoryMarshal.GetReference(edge);
        for (var panel = 0; panel < b.PanelCount; panel++)
        {
            var column = panel * Nr;
            var columns = Math.Min(Nr, b.Columns - column);
            ref var panelRef = ref Unsafe.Add(ref panelsRef, panel * k * Nr);
            var c0 = Vector512.LoadUnsafe(ref biasRef, (nuint)column);
            Vector512<float> c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
            for (var ky = kyFirst; ky < kyEnd; ky++)
            {
                var rowOffset = ky * rowStride;
                ref var a0 = ref Unsafe.Add(ref imageRef, origins[0] + rowOffset);
                ref var a1 = ref Unsafe.Add(ref imageRef, origins[1] + rowOffset);
                ref var a2 = ref Unsafe.Add(ref imageRef, origins[2] + rowOffset);
                ref var a3 = ref Unsafe.Add(ref imageRef, origins[3] + rowOffset);
                ref var a4 = ref Unsafe.Add(ref imageRef, origins[4] + rowOffset);
                ref var a5 = ref Unsafe.Add(ref imageRef, origins[5] + rowOffset);
                ref var a6 = ref Unsafe.Add(ref imageRef, origins[6] + rowOffset);
                ref var a7 = ref Unsafe.Add(ref imageRef, origins[7] + rowOffset);
                ref var bRow = ref Unsafe.Add(ref panelRef, ky * segment * Nr);
                for (var j = 0; j < segment; j++)
                {
                    var w = Vector512.LoadUnsafe(ref bRow, (nuint)(j * Nr));
                    c0 = Vector512.FusedMultiplyAdd(w, Vector512.Create(Unsafe.Add(ref a0, j)), c0);
                    c1 = Vector512.FusedMultiplyAdd(w, Vector512.Create(Unsafe.Add(ref a1, j)), c1);
                    c2 = Vector512.FusedMultiplyAdd(w, Vector512.Create(Unsafe.Add(ref a2, j)), c2);
                    c3 = Vector512.FusedMultiplyAdd(w, Vector512.Create(Unsafe.Add(ref a3, j)), c3);
                    c4 = Vector512.FusedMultiplyAdd(w, Vector512.Create(Unsafe.Add(ref a4, j)), c4);
                    c5 = Vector512.FusedMultiplyAdd(w, Vector512.Create(Unsafe.Add(ref a5, j)), c5);
                    c6 = Vector512.FusedMultiplyAdd(w, Vector512.Create(Unsafe.Add(ref a6, j)), c6);
                    c7 = Vector512.FusedMultiplyAdd(w, Vector512.Create(Unsafe.Add(ref a7, j)), c7);
                }
            }

            Activate(c0, activation).StoreUnsafe(ref edgeRef);
            Activate(c1, activation).StoreUnsafe(ref edgeRef, 16);
            Activate(c2, activation).StoreUnsafe(ref edgeRef, 32);
            Activate(c3, activation).StoreUnsafe(ref edgeRef, 48);
            Activate(c4, activation).StoreUnsafe(ref edgeRef, 64);
            Activate(c5, activation).StoreUnsafe(ref edgeRef, 80);
            Activate(c6, activation).StoreUnsafe(ref edgeRef, 96);
            Activate(c7, activation).StoreUnsafe(ref edgeRef, 112);
            for (var r = 0; r < 8; r++)
            {
                edge.Slice(r * Nr, columns).CopyTo(c.Slice((r * ldc) + column, columns));
            }
        }
    }

    /// <summary>Portable path for CPUs without 256-bit SIMD: same blocking, plain arithmetic.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyScalar(ReadOnlySpan<float> a, int m, int lda, PackedMatrix b, Activation activation, Span<float> c, int ldc)
    {
        var k = b.Rows;
        var n = b.Columns;
        Span<float> accumulator = stackalloc float[Nr];
        for (var panel = 0; panel < b.PanelCount; panel++)
        {
            var panelValues = b.Panels.AsSpan(panel * k * Nr, k * Nr);
            var column = panel * Nr;
            var columns = Math.Min(Nr, n - column);
            for (var i = 0; i < m; i++)
            {
                b.Bias.AsSpan(column, Nr).CopyTo(accumulator);
                var row = a.Slice(i * lda, k);
                for (var kk = 0; kk < k; kk++)
                {
                    var x = row[kk];
                    var bRow = panelValues.Slice(kk * Nr, Nr);
                    for (var j = 0; j < Nr; j++)
                    {
                        accumulator[j] += x * bRow[j];
                    }
                }

                var output = c.Slice((i * ldc) + column, columns);
                for (var j = 0; j < columns; j++)
                {
                    output[j] = activation.Apply(accumulator[j]);
                }
            }
        }
    }
}
