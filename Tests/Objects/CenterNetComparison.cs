using Glance.Detection.Local.Objects;

namespace Glance.Tests.Objects;

/// <summary>Compares one CenterNet pass with another (or with TF.js's) within float tolerances, reporting the largest differences.</summary>
internal static class CenterNetComparison
{
    /// <returns>The largest absolute difference.</returns>
    public static float FeaturesShouldMatch(IReadOnlyList<float> actual, IReadOnlyList<float> expected)
    {
        actual.Should().HaveCount(expected.Count);
        var worst = 0f;
        for (var i = 0; i < expected.Count; i++)
        {
            actual[i].Should().BeApproximately(expected[i], 1e-4f + (1e-4f * Math.Abs(expected[i])), $"feature {i}");
            worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]));
        }

        return worst;
    }

    /// <summary>
    /// Every expected candidate has a twin among <paramref name="actual"/>: the same class, score and box corners within
    /// the tolerances. Matched by value rather than by rank: candidates with nearly equal scores may swap places.
    /// </summary>
    /// <returns>The largest score and box corner differences.</returns>
    public static (float Score, float Corner) EachHasATwin(IEnumerable<CenterNetCandidate> expected, IReadOnlyList<CenterNetCandidate> actual, float scoreTolerance, string engine)
    {
        var unmatched = actual.ToList();
        var (worstScore, worstCorner) = (0f, 0f);
        foreach (var wanted in expected)
        {
            var twin = unmatched.FirstOrDefault(c =>
                c.ClassId == wanted.ClassId && Math.Abs(c.Score - wanted.Score) < scoreTolerance &&
                Math.Abs(c.X1 - wanted.X1) < 0.05f && Math.Abs(c.Y1 - wanted.Y1) < 0.05f && Math.Abs(c.X2 - wanted.X2) < 0.05f && Math.Abs(c.Y2 - wanted.Y2) < 0.05f);
            twin.Should().NotBe(default(CenterNetCandidate), $"candidate {wanted} should have a twin from {engine}");
            unmatched.Remove(twin);
            worstScore = Math.Max(worstScore, Math.Abs(twin.Score - wanted.Score));
            worstCorner = Math.Max(worstCorner, new[] { twin.X1 - wanted.X1, twin.Y1 - wanted.Y1, twin.X2 - wanted.X2, twin.Y2 - wanted.Y2 }.Max(Math.Abs));
        }

        return (worstScore, worstCorner);
    }
}
