using Glance.Detection.Local.Imaging;

namespace Glance.Tests.Text;

public sealed class DisjointSetsTests
{
    [Fact]
    public void Unions_join_sets_transitively_and_a_set_is_rooted_at_its_first_member()
    {
        var sets = new DisjointSets(6);

        sets.Union(4, 2);
        sets.Union(2, 5);
        sets.Union(1, 3);

        sets.Find(5).Should().Be(2);
        sets.Find(4).Should().Be(2);
        sets.Find(3).Should().Be(1);
        sets.Find(0).Should().Be(0);
        sets.Find(4).Should().NotBe(sets.Find(1));

        sets.Union(3, 5);

        Enumerable.Range(1, 5).Select(sets.Find).Should().AllBeEquivalentTo(1);
        sets.Find(0).Should().Be(0, "0 was never joined");
    }

    [Fact]
    public void A_long_chain_finds_its_root_without_deep_recursion()
    {
        const int count = 1_000_000;
        var sets = new DisjointSets(count);
        for (var i = count - 1; i > 0; i--)
        {
            sets.Union(i, i - 1);
        }

        sets.Find(count - 1).Should().Be(0);
    }
}
