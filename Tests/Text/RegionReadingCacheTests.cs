using Glance.Detection.Local.Imaging;
using Glance.Detection.Local.Text.PaddleOcr;

namespace Glance.Tests.Text;

public sealed class RegionReadingCacheTests
{
    [Fact]
    public void A_region_showing_remembered_text_finds_its_reading_and_the_shift()
    {
        var cache = new RegionReadingCache<string>(4);
        cache.Add(Region(100, 0, 1), "POR 1 - 0 SAN");

        var found = cache.Find(Region(103, 2, 1));

        found.Should().NotBeNull();
        found!.Value.Reading.Should().Be("POR 1 - 0 SAN");
        found.Value.Shift.Should().Be((3.0, 2.0));
        cache.Find(Region(100, 0, 2)).Should().BeNull("other text was never read");
    }

    [Fact]
    public void When_full_the_entry_used_longest_ago_makes_room()
    {
        var cache = new RegionReadingCache<string>(2);
        cache.Add(Region(0, 0, 1), "first");
        cache.Add(Region(0, 0, 2), "second");
        cache.Find(Region(0, 0, 1)).Should().NotBeNull();

        cache.Add(Region(0, 0, 3), "third");

        cache.Find(Region(0, 0, 1))!.Value.Reading.Should().Be("first", "it was used after the second was added");
        cache.Find(Region(0, 0, 2)).Should().BeNull();
        cache.Find(Region(0, 0, 3))!.Value.Reading.Should().Be("third");
    }

    [Fact]
    public void A_cache_of_size_zero_remembers_nothing()
    {
        var cache = new RegionReadingCache<string>(0);
        cache.Add(Region(0, 0, 1), "first");

        cache.Find(Region(0, 0, 1)).Should().BeNull();
    }

    private static CandidateRegion Region(int x, int y, int bars)
    {
        var image = InkCrops.Bars(120, 40, [.. Enumerable.Range(0, bars).Select(i => ((i * 30) + 8, 6))]);
        return new CandidateRegion(new PixelRect(x, y, 200, 60), 1, [new CropSignature(new PixelRect(x + 10, y + 10, image.Width, image.Height), InkMask.Of(image))]);
    }
}
