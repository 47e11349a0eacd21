namespace Glance.Detection.Local.Faces;

/// <summary>The gallery person nearest to a descriptor, and how near.</summary>
public sealed record FaceMatch(KnownPerson? Person, double Distance)
{
    public bool IsKnown => Person is not null;
}

/// <summary>Nearest-neighbour matching of face descriptors against a broadcaster's gallery (euclidean distance).</summary>
public static class FaceGallery
{
    public const double DefaultMaxDistance = 0.5;

    /// <summary>The person with the closest reference descriptor when it is within <paramref name="maxDistance"/>; otherwise an unknown match carrying the best distance seen.</summary>
    public static FaceMatch Match(ReadOnlySpan<float> descriptor, IReadOnlyList<KnownPerson> people, double maxDistance = DefaultMaxDistance)
    {
        ArgumentNullException.ThrowIfNull(people);
        KnownPerson? best = null;
        var bestDistance = double.PositiveInfinity;
        foreach (var person in people)
        {
            foreach (var reference in person.Descriptors)
            {
                if (reference.Length != descriptor.Length)
                {
                    continue;
                }

                var distance = Distance(descriptor, reference);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = person;
                }
            }
        }

        return bestDistance <= maxDistance ? new FaceMatch(best, bestDistance) : new FaceMatch(null, bestDistance);
    }

    public static double Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Descriptors differ in length ({a.Length} and {b.Length}).");
        }

        return System.Numerics.Tensors.TensorPrimitives.Distance(a, b);
    }
}
