using Glance.Detection.Local.Text.PaddleOcr;

namespace Glance.Tests.Text;

/// <summary>Candidate regions share detection runs without overlapping, within the canvas, each placed once.</summary>
public sealed class MosaicPackingTests
{
    [Fact]
    public void Narrow_regions_share_a_shelf_and_every_region_is_placed_once_without_overlap()
    {
        var random = new Random(5);
        var sizes = Enumerable.Range(0, 40).Select(_ => (Width: random.Next(40, 500), Height: random.Next(30, 160))).ToList();
        sizes.Add((900, 120)); // wider than the rest: the canvas is at least this wide

        var runs = MosaicPacking.Pack(sizes, width: 900, maxHeight: 960, gap: 32);

        runs.SelectMany(r => r).Select(p => p.Index).Should().BeEquivalentTo(Enumerable.Range(0, sizes.Count), "each region once");
        foreach (var run in runs)
        {
            run.Should().OnlyContain(p => p.X + sizes[p.Index].Width <= 900, "within the canvas width");
            run.Max(p => p.Y + sizes[p.Index].Height + 32).Should().BeLessThanOrEqualTo(960, "within the run's height");
            foreach (var (a, b) in run.SelectMany((a, i) => run.Skip(i + 1).Select(b => (a, b))))
            {
                var apart = a.X + sizes[a.Index].Width + 32 <= b.X || b.X + sizes[b.Index].Width + 32 <= a.X
                    || a.Y + sizes[a.Index].Height + 32 <= b.Y || b.Y + sizes[b.Index].Height + 32 <= a.Y;
                apart.Should().BeTrue($"regions {a.Index} and {b.Index} keep a gap between them");
            }
        }

        runs.Should().Contain(r => r.GroupBy(p => p.Y).Any(shelf => shelf.Count() > 1), "narrow regions sit side by side");
        var canvas = runs.Sum(r => 900L * (r.Max(p => p.Y + sizes[p.Index].Height) + 32));
        var own = sizes.Sum(s => (long)s.Width * s.Height);
        ((double)own / canvas).Should().BeGreaterThan(0.5, "stacking each under the last, padded to the widest, used about half");
    }

    [Fact]
    public void A_region_taller_than_the_canvas_is_still_placed_and_what_does_not_fit_beside_it_starts_a_new_run()
    {
        var runs = MosaicPacking.Pack([(600, 50), (600, 2000)], width: 640, maxHeight: 960, gap: 32);

        runs.Select(r => r.Select(p => p.Index)).Should().BeEquivalentTo(new[] { new[] { 1 }, new[] { 0 } }, options => options.WithStrictOrdering());
    }
}
