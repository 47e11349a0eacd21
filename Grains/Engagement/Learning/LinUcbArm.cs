namespace Glance.Grains.Engagement.Learning;

/// <summary>
/// One instrument's ridge regression in the learner's state. The inverse of the design matrix is kept and updated by
/// Sherman-Morrison (d² per update) instead of inverting A on every snapshot (d³).
/// </summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class LinUcbArm
{
    /// <summary>A⁻¹, row-major, d x d.</summary>
    public double[] InverseDesign { get; set; } = [];

    /// <summary>b: the sum of reward x features.</summary>
    public double[] Response { get; set; } = [];

    public long Updates { get; set; }

    public long Rewards { get; set; }

    public DateTimeOffset LastUpdated { get; set; }

    public int Dimension => Response.Length;

    public static LinUcbArm Create(int dimension, double ridge)
    {
        var inverse = new double[dimension * dimension];
        for (var i = 0; i < dimension; i++)
        {
            inverse[(i * dimension) + i] = 1 / ridge;
        }

        return new LinUcbArm { InverseDesign = inverse, Response = new double[dimension] };
    }

    public void Update(IReadOnlyList<float> features, double reward, DateTimeOffset at)
    {
        var d = Dimension;
        ArgumentOutOfRangeException.ThrowIfNotEqual(features.Count, d);
        var ax = new double[d];
        var denominator = 1.0;
        for (var i = 0; i < d; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < d; j++)
            {
                sum += InverseDesign[(i * d) + j] * features[j];
            }

            ax[i] = sum;
            denominator += features[i] * sum;
        }

        // A⁻¹ is symmetric, so xᵀA⁻¹ is (A⁻¹x)ᵀ: (A + xxᵀ)⁻¹ = A⁻¹ - (A⁻¹x)(A⁻¹x)ᵀ / (1 + xᵀA⁻¹x).
        for (var i = 0; i < d; i++)
        {
            var scaled = ax[i] / denominator;
            for (var j = 0; j < d; j++)
            {
                InverseDesign[(i * d) + j] -= scaled * ax[j];
            }

            Response[i] += reward * features[i];
        }

        Updates++;
        Rewards += reward > 0 ? 1 : 0;
        LastUpdated = at;
    }

    /// <summary>A copy that later updates do not change: θ = A⁻¹b computed once here, not per decision.</summary>
    public ArmSnapshot Snapshot()
    {
        var d = Dimension;
        var theta = new double[d];
        for (var i = 0; i < d; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < d; j++)
            {
                sum += InverseDesign[(i * d) + j] * Response[j];
            }

            theta[i] = sum;
        }

        return new ArmSnapshot(Updates, theta, (double[])InverseDesign.Clone());
    }
}
