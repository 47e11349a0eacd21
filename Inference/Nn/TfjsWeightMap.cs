namespace Glance.Inference.Nn;

/// <summary>Decoded weights by name, with lookups that fail with a message naming the weight and the model.</summary>
public sealed class TfjsWeightMap(IReadOnlyDictionary<string, TfjsWeight> weights, string source)
{
    public IReadOnlyDictionary<string, TfjsWeight> Weights { get; } = weights;

    /// <summary>Where the weights came from, for error messages.</summary>
    public string Source { get; } = source;

    public bool Contains(string name) => Weights.ContainsKey(name);

    public TfjsWeight Get(string name) =>
        Weights.TryGetValue(name, out var weight) ? weight : throw new TfjsWeightsException($"{Source} has no weight '{name}'.");

    /// <summary>A float weight as a tensor (sharing the decoded array), optionally checking its shape.</summary>
    public Tensor Tensor(string name, params int[] expectedShape)
    {
        var weight = Get(name);
        if (weight.Floats is null)
        {
            throw new TfjsWeightsException($"{Source}: weight '{name}' is {weight.DataType}, not a float tensor.");
        }

        if (expectedShape.Length > 0 && !expectedShape.AsSpan().SequenceEqual(weight.Shape))
        {
            throw new TfjsWeightsException(
                $"{Source}: weight '{name}' has shape [{string.Join(", ", weight.Shape)}], expected [{string.Join(", ", expectedShape)}].");
        }

        return Nn.Tensor.FromArray(weight.Floats, weight.Shape);
    }

    public float[] Floats(string name, int expectedLength)
    {
        var tensor = Tensor(name);
        if (tensor.Length != expectedLength)
        {
            throw new TfjsWeightsException($"{Source}: weight '{name}' has {tensor.Length} values, expected {expectedLength}.");
        }

        return Get(name).Floats!;
    }

    public int[] Integers(string name)
    {
        var weight = Get(name);
        return weight.Integers ?? throw new TfjsWeightsException($"{Source}: weight '{name}' is {weight.DataType}, not an integer tensor.");
    }
}
