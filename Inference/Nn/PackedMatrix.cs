namespace Glance.Inference.Nn;

/// <summary>
/// The right-hand matrix of a GEMM (K rows, N columns; for a convolution the HWIO filter seen as
/// [kh*kw*in, out]) repacked once into column panels of <see cref="PanelWidth"/>, each stored K-major and contiguous,
/// zero-padded to a whole panel; plus a bias padded the same way. The GEMM kernel then streams a panel linearly.
/// </summary>
public sealed class PackedMatrix
{
    public const int PanelWidth = 16;

    private PackedMatrix(int rows, int columns, float[] panels, float[] bias)
    {
        Rows = rows;
        Columns = columns;
        Panels = panels;
        Bias = bias;
    }

    /// <summary>K: the shared dimension.</summary>
    public int Rows { get; }

    /// <summary>N: output columns (channels).</summary>
    public int Columns { get; }

    public int PanelCount => (Columns + PanelWidth - 1) / PanelWidth;

    internal float[] Panels { get; }

    internal float[] Bias { get; }

    /// <param name="rowMajor">K x N values, row-major.</param>
    /// <param name="bias">N values, or empty for none.</param>
    public static PackedMatrix Pack(ReadOnlySpan<float> rowMajor, int rows, int columns, ReadOnlySpan<float> bias)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (rowMajor.Length != checked(rows * columns))
        {
            throw new NnShapeException($"A {rows}x{columns} matrix needs {rows * columns} values, got {rowMajor.Length}.");
        }

        if (!bias.IsEmpty && bias.Length != columns)
        {
            throw new NnShapeException($"The bias has {bias.Length} values for {columns} columns.");
        }

        var panelCount = (columns + PanelWidth - 1) / PanelWidth;
        var panels = new float[checked(panelCount * rows * PanelWidth)];
        for (var panel = 0; panel < panelCount; panel++)
        {
            var firstColumn = panel * PanelWidth;
            var width = Math.Min(PanelWidth, columns - firstColumn);
            var panelStart = panel * rows * PanelWidth;
            for (var k = 0; k < rows; k++)
            {
                rowMajor.Slice((k * columns) + firstColumn, width).CopyTo(panels.AsSpan(panelStart + (k * PanelWidth), width));
            }
        }

        var paddedBias = new float[panelCount * PanelWidth];
        bias.CopyTo(paddedBias);
        return new PackedMatrix(rows, columns, panels, paddedBias);
    }
}
