namespace Glance.Detection.Local.Imaging;

/// <summary>One 8-connected blob of ink: its bounding box and how many ink pixels it holds.</summary>
public readonly record struct Component(PixelRect Bounds, int PixelCount);

/// <summary>
/// 8-connected labelling of the ink pixels of a binary image, run-length based (two passes over runs, union-find in
/// between), so the cost follows the number of runs rather than pixels and a component can be redrawn from its runs.
/// </summary>
public sealed class ConnectedComponents
{
    private readonly List<Run> runs;
    private readonly int[] runComponent;

    private ConnectedComponents(int width, int height, List<Run> runs, int[] runComponent, Component[] components)
    {
        Width = width;
        Height = height;
        this.runs = runs;
        this.runComponent = runComponent;
        Components = components;
    }

    public int Width { get; }

    public int Height { get; }

    public IReadOnlyList<Component> Components { get; }

    /// <param name="ink">The pixel value that is ink; every other value is background.</param>
    public static ConnectedComponents Label(GreyImage image, byte ink = InkBinarizer.Ink)
    {
        ArgumentNullException.ThrowIfNull(image);
        var runs = new List<Run>();
        var rowStarts = new int[image.Height + 1];
        for (var y = 0; y < image.Height; y++)
        {
            rowStarts[y] = runs.Count;
            var row = image.Row(y);
            var x = 0;
            while (x < row.Length)
            {
                var start = row[x..].IndexOf(ink);
                if (start < 0)
                {
                    break;
                }

                start += x;
                var length = row[start..].IndexOfAnyExcept(ink);
                var end = length < 0 ? row.Length : start + length;
                runs.Add(new Run(y, start, end));
                x = end;
            }
        }

        rowStarts[image.Height] = runs.Count;
        var sets = new DisjointSets(runs.Count);

        for (var y = 1; y < image.Height; y++)
        {
            var above = rowStarts[y - 1];
            var aboveEnd = rowStarts[y];
            for (var i = rowStarts[y]; i < rowStarts[y + 1]; i++)
            {
                var run = runs[i];

                // 8-connectivity: a run touches those above it that overlap it widened by one pixel each side.
                while (above < aboveEnd && runs[above].End < run.Start)
                {
                    above++;
                }

                for (var j = above; j < aboveEnd && runs[j].Start <= run.End; j++)
                {
                    sets.Union(i, j);
                }
            }
        }

        var runComponent = new int[runs.Count];
        var rootToComponent = new Dictionary<int, int>();
        var bounds = new List<(int Left, int Top, int Right, int Bottom, int Count)>();
        for (var i = 0; i < runs.Count; i++)
        {
            var root = sets.Find(i);
            if (!rootToComponent.TryGetValue(root, out var component))
            {
                component = bounds.Count;
                rootToComponent[root] = component;
                bounds.Add((int.MaxValue, int.MaxValue, int.MinValue, int.MinValue, 0));
            }

            runComponent[i] = component;
            var run = runs[i];
            var b = bounds[component];
            bounds[component] = (Math.Min(b.Left, run.Start), Math.Min(b.Top, run.Y), Math.Max(b.Right, run.End), Math.Max(b.Bottom, run.Y + 1), b.Count + run.End - run.Start);
        }

        var components = bounds.Select(b => new Component(new PixelRect(b.Left, b.Top, b.Right - b.Left, b.Bottom - b.Top), b.Count)).ToArray();
        return new ConnectedComponents(image.Width, image.Height, runs, runComponent, components);
    }

    /// <summary>A paper image holding only the components <paramref name="keep"/> selects, drawn as ink.</summary>
    public GreyImage Render(IReadOnlySet<int> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var image = new GreyImage(Width, Height);
        image.Pixels.AsSpan().Fill(InkBinarizer.Paper);
        for (var i = 0; i < runs.Count; i++)
        {
            if (keep.Contains(runComponent[i]))
            {
                var run = runs[i];
                image.Row(run.Y)[run.Start..run.End].Fill(InkBinarizer.Ink);
            }
        }

        return image;
    }

    /// <summary>Ink pixels [Start, End) on row Y.</summary>
    private readonly record struct Run(int Y, int Start, int End);
}
