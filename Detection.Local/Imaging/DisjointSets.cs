namespace Glance.Detection.Local.Imaging;

/// <summary>
/// Union-find over the integers 0..count-1, with path halving, and the smaller index as a set's root: so that a set's
/// root is its first member, and groupings come out in the order the members were numbered.
/// </summary>
public sealed class DisjointSets
{
    private readonly int[] parent;

    public DisjointSets(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        parent = new int[count];
        for (var i = 0; i < count; i++)
        {
            parent[i] = i;
        }
    }

    public int Count => parent.Length;

    public int Find(int member)
    {
        var i = member;
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    public void Union(int a, int b)
    {
        var rootA = Find(a);
        var rootB = Find(b);
        if (rootA != rootB)
        {
            parent[Math.Max(rootA, rootB)] = Math.Min(rootA, rootB);
        }
    }
}
