namespace Glance.Grains.Engagement.Learning;

/// <summary>
/// Disjoint LinUCB with epsilon-greedy exploration, pure. LinUCB alone is deterministic, so its choices carry no
/// propensity an offline evaluation could use; mixing in a uniform draw with probability ε gives every eligible
/// instrument the exact probability ε/K + (1-ε)·[it is the greedy pick], which is what the decision logs.
/// </summary>
public static class LinUcbPolicy
{
    /// <param name="features">The candidates' vectors one after the other, <paramref name="dimension"/> each: a decision rents them.</param>
    /// <param name="rulesPick">The candidate the targeting rules pick: the greedy pick until every candidate is warm.</param>
    public static BanditChoice Choose(
        LearnerSnapshot? model,
        ReadOnlySpan<string> arms,
        ReadOnlySpan<float> features,
        int dimension,
        int rulesPick,
        double explorationRate,
        double confidenceWidth,
        int minArmUpdates,
        Random random)
    {
        var count = arms.Length;
        ArgumentOutOfRangeException.ThrowIfZero(count);
        ArgumentOutOfRangeException.ThrowIfNotEqual(features.Length, count * dimension);
        var greedy = rulesPick;
        var warm = Warm(model, arms, dimension, minArmUpdates);
        if (warm)
        {
            var best = double.NegativeInfinity;
            for (var i = 0; i < count; i++)
            {
                // Ties keep the earlier candidate, so the same model and context always give the same greedy pick.
                var score = UpperBound(model!.Arms[arms[i]], features.Slice(i * dimension, dimension), confidenceWidth);
                if (score > best)
                {
                    best = score;
                    greedy = i;
                }
            }
        }

        var probabilities = new double[count];
        for (var i = 0; i < count; i++)
        {
            probabilities[i] = (explorationRate / count) + (i == greedy ? 1 - explorationRate : 0);
        }

        var explored = explorationRate > 0 && random.NextDouble() < explorationRate;
        var chosen = explored ? random.Next(count) : greedy;
        return new BanditChoice(chosen, greedy, probabilities, warm, explored);
    }

    /// <summary>Whether every candidate has a model of this dimension that learned from enough feedback.</summary>
    private static bool Warm(LearnerSnapshot? model, ReadOnlySpan<string> arms, int dimension, int minArmUpdates)
    {
        if (model is null)
        {
            return false;
        }

        foreach (var id in arms)
        {
            if (!model.Arms.TryGetValue(id, out var arm) || arm.Updates < minArmUpdates || arm.Theta.Count != dimension)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>θᵀx + α·sqrt(xᵀA⁻¹x): the expected reward plus its uncertainty in this context.</summary>
    public static double UpperBound(ArmSnapshot arm, ReadOnlySpan<float> x, double confidenceWidth)
    {
        var d = x.Length;
        var mean = 0.0;
        var variance = 0.0;
        var inverse = arm.InverseDesign as double[] ?? [.. arm.InverseDesign];
        var theta = arm.Theta as double[] ?? [.. arm.Theta];
        for (var i = 0; i < d; i++)
        {
            var xi = x[i];
            if (xi == 0)
            {
                continue; // hashed features are sparse
            }

            mean += theta[i] * xi;
            var row = 0.0;
            for (var j = 0; j < d; j++)
            {
                row += inverse[(i * d) + j] * x[j];
            }

            variance += xi * row;
        }

        return mean + (confidenceWidth * Math.Sqrt(Math.Max(variance, 0)));
    }
}
