namespace Glance.Detection.Local.Classifiers;

/// <summary>
/// Fits a <see cref="SoftmaxClassifier"/> to embeddings by full-batch accelerated gradient descent on the class-balanced
/// cross-entropy plus an L2 penalty. Weights start at zero and the step is 1/L for a bound L on the gradient's
/// Lipschitz constant, so training is deterministic and cannot diverge. Does no I/O.
/// </summary>
public static class SoftmaxTrainer
{
    /// <summary>Standardization floor: dimensions that barely vary across the training set are not blown up.</summary>
    private const double MinSpread = 1e-3;

    /// <param name="features">One raw embedding per example, all the same length.</param>
    /// <param name="labels">Class index (into <paramref name="classes"/>) per example.</param>
    public static SoftmaxClassifier Train(string featureKind, IReadOnlyList<string> classes, IReadOnlyList<float[]> features, IReadOnlyList<int> labels, ClassifierTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        var n = features.Count;
        var k = classes.Count;
        if (n == 0 || labels.Count != n || k < 2)
        {
            throw new ClassifierTrainingException($"Training needs examples of at least two classes; got {n} examples of {k} classes.");
        }

        var d = features[0].Length;
        if (features.Any(f => f.Length != d) || labels.Any(l => (uint)l >= (uint)k))
        {
            throw new ClassifierTrainingException("Every example needs an embedding of the same length and a known class.");
        }

        var (mean, inverseSpread, x) = Standardize(features, d);
        var counts = new int[k];
        foreach (var label in labels)
        {
            counts[label]++;
        }

        // Each class weighs the same in the loss however many examples it has.
        var exampleWeight = labels.Select(l => n / (double)(k * counts[l])).ToArray();
        var lipschitz = (0.5 * Enumerable.Range(0, n).Sum(i => exampleWeight[i] * (SquaredNorm(x[i]) + 1)) / n) + options.L2;
        var step = 1 / lipschitz;

        // Parameters: k rows of d weights, then k biases; "look-ahead" point for Nesterov's momentum.
        var parameters = new double[(k * d) + k];
        var previous = new double[parameters.Length];
        var lookAhead = new double[parameters.Length];
        var gradient = new double[parameters.Length];
        for (var iteration = 1; iteration <= options.Iterations; iteration++)
        {
            Gradient(lookAhead, x, labels, exampleWeight, k, d, options.L2, gradient);
            var momentum = (iteration - 1) / (double)(iteration + 2);
            for (var p = 0; p < parameters.Length; p++)
            {
                var updated = lookAhead[p] - (step * gradient[p]);
                lookAhead[p] = updated + (momentum * (updated - previous[p]));
                previous[p] = updated;
            }
        }

        Array.Copy(previous, parameters, parameters.Length);
        var weights = parameters.Take(k * d).Select(v => (float)v).ToArray();
        var bias = parameters.Skip(k * d).Select(v => (float)v).ToArray();
        return new SoftmaxClassifier(featureKind, classes, mean, inverseSpread, weights, bias, n);
    }

    private static (float[] Mean, float[] InverseSpread, double[][] Standardized) Standardize(IReadOnlyList<float[]> features, int d)
    {
        var n = features.Count;
        var normalized = features.Select(f =>
        {
            var norm = Math.Sqrt(f.Sum(v => (double)v * v));
            return f.Select(v => norm > 0 ? v / norm : 0).ToArray();
        }).ToArray();
        var mean = new float[d];
        var inverseSpread = new float[d];
        for (var j = 0; j < d; j++)
        {
            var m = normalized.Average(row => row[j]);
            var variance = normalized.Sum(row => (row[j] - m) * (row[j] - m)) / n;
            mean[j] = (float)m;
            inverseSpread[j] = (float)(1 / Math.Max(Math.Sqrt(variance), MinSpread));
        }

        // Standardize exactly as prediction will (from the float-rounded statistics), so training sees what inference sees.
        var standardized = new double[n][];
        for (var i = 0; i < n; i++)
        {
            standardized[i] = new double[d];
            SoftmaxClassifier.Standardize(features[i], mean, inverseSpread, standardized[i]);
        }

        return (mean, inverseSpread, standardized);
    }

    private static void Gradient(double[] parameters, double[][] x, IReadOnlyList<int> labels, double[] exampleWeight, int k, int d, double l2, double[] gradient)
    {
        Array.Clear(gradient);
        var n = x.Length;
        var logits = new double[k];
        for (var i = 0; i < n; i++)
        {
            var row = x[i];
            for (var c = 0; c < k; c++)
            {
                var sum = parameters[(k * d) + c];
                var w = parameters.AsSpan(c * d, d);
                for (var j = 0; j < d; j++)
                {
                    sum += w[j] * row[j];
                }

                logits[c] = sum;
            }

            var probabilities = SoftmaxMath.Softmax(logits);
            for (var c = 0; c < k; c++)
            {
                var error = exampleWeight[i] * (probabilities[c] - (labels[i] == c ? 1 : 0)) / n;
                var g = gradient.AsSpan(c * d, d);
                for (var j = 0; j < d; j++)
                {
                    g[j] += error * row[j];
                }

                gradient[(k * d) + c] += error;
            }
        }

        for (var p = 0; p < k * d; p++)
        {
            gradient[p] += l2 * parameters[p];
        }
    }

    private static double SquaredNorm(double[] row) => row.Sum(v => v * v);
}
