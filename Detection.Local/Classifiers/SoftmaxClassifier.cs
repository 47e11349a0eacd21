using System.Buffers.Binary;
using System.Text;

namespace Glance.Detection.Local.Classifiers;

/// <summary>
/// A trained softmax (multinomial logistic) regression over image embeddings: the raw embedding is L2-normalized,
/// standardized with the training set's per-dimension mean and spread, then scored per class. Serialized with a magic,
/// a version and the name of the embedding it expects, so a model made for other features is refused, not misread.
/// </summary>
public sealed class SoftmaxClassifier
{
    public const int FormatVersion = 1;
    private const uint Magic = 0x4C43_4C47; // "GLCL" little-endian
    private const int MaxClasses = 1_000;
    private const int MaxFeatures = 1 << 16;
    private const int MaxNameBytes = 1_024;

    private readonly float[] mean;
    private readonly float[] inverseSpread;
    private readonly float[] weights;
    private readonly float[] bias;

    public SoftmaxClassifier(string featureKind, IReadOnlyList<string> classes, float[] mean, float[] inverseSpread, float[] weights, float[] bias, int trainingExamples)
    {
        ArgumentException.ThrowIfNullOrEmpty(featureKind);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(inverseSpread);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        if (classes.Count < 2 || mean.Length == 0 || inverseSpread.Length != mean.Length || weights.Length != classes.Count * mean.Length || bias.Length != classes.Count)
        {
            throw new ArgumentException($"Inconsistent classifier: {classes.Count} classes, {mean.Length} features, {weights.Length} weights, {bias.Length} biases.");
        }

        FeatureKind = featureKind;
        Classes = classes.ToArray();
        this.mean = mean;
        this.inverseSpread = inverseSpread;
        this.weights = weights;
        this.bias = bias;
        TrainingExamples = trainingExamples;
    }

    /// <summary>Which embedding the model was trained on (for example <c>centernet-extern1-gap-v1</c>).</summary>
    public string FeatureKind { get; }

    public IReadOnlyList<string> Classes { get; }

    public int FeatureCount => mean.Length;

    public int TrainingExamples { get; }

    /// <summary>Class probabilities (summing to 1) for one raw embedding.</summary>
    public float[] Predict(ReadOnlySpan<float> features)
    {
        if (features.Length != FeatureCount)
        {
            throw new ClassifierModelException($"The classifier takes {FeatureCount} features ({FeatureKind}); got {features.Length}.");
        }

        var standardized = new double[FeatureCount];
        Standardize(features, mean, inverseSpread, standardized);
        var logits = new double[Classes.Count];
        for (var k = 0; k < logits.Length; k++)
        {
            double sum = bias[k];
            var row = weights.AsSpan(k * FeatureCount, FeatureCount);
            for (var j = 0; j < row.Length; j++)
            {
                sum += row[j] * standardized[j];
            }

            logits[k] = sum;
        }

        return SoftmaxMath.Softmax(logits).Select(p => (float)p).ToArray();
    }

    /// <summary>L2-normalizes <paramref name="features"/>, then standardizes each dimension.</summary>
    internal static void Standardize(ReadOnlySpan<float> features, ReadOnlySpan<float> mean, ReadOnlySpan<float> inverseSpread, Span<double> destination)
    {
        double norm = 0;
        foreach (var v in features)
        {
            norm += (double)v * v;
        }

        var scale = norm > 0 ? 1 / Math.Sqrt(norm) : 0;
        for (var j = 0; j < features.Length; j++)
        {
            destination[j] = ((features[j] * scale) - mean[j]) * inverseSpread[j];
        }
    }

    public byte[] Serialize()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write((ushort)FormatVersion);
            WriteString(writer, FeatureKind);
            writer.Write((ushort)Classes.Count);
            writer.Write(FeatureCount);
            foreach (var name in Classes)
            {
                WriteString(writer, name);
            }

            WriteFloats(writer, mean);
            WriteFloats(writer, inverseSpread);
            WriteFloats(writer, weights);
            WriteFloats(writer, bias);
            writer.Write(TrainingExamples);
        }

        return stream.ToArray();
    }

    /// <summary>Reads a model written by <see cref="Serialize"/>; does no I/O and checks every length against the data.</summary>
    public static SoftmaxClassifier Deserialize(ReadOnlySpan<byte> data)
    {
        var reader = new SpanReader(data);
        if (reader.UInt32() != Magic)
        {
            throw new ClassifierModelException("Not a Glance classifier model (bad magic).");
        }

        var version = reader.UInt16();
        if (version != FormatVersion)
        {
            throw new ClassifierModelException($"Classifier model format {version} is not supported (this build reads {FormatVersion}); retrain the classifier.");
        }

        var featureKind = reader.String();
        var classCount = reader.UInt16();
        var featureCount = reader.Int32();
        if (classCount < 2 || classCount > MaxClasses || featureCount <= 0 || featureCount > MaxFeatures)
        {
            throw new ClassifierModelException($"Classifier model declares {classCount} classes and {featureCount} features; out of range.");
        }

        var classes = new string[classCount];
        for (var k = 0; k < classCount; k++)
        {
            classes[k] = reader.String();
        }

        var model = new SoftmaxClassifier(
            featureKind, classes, reader.Floats(featureCount), reader.Floats(featureCount), reader.Floats(classCount * featureCount), reader.Floats(classCount), reader.Int32());
        if (!reader.AtEnd)
        {
            throw new ClassifierModelException("Classifier model has trailing bytes.");
        }

        return model;
    }

    private static void WriteString(BinaryWriter writer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        writer.Write((ushort)bytes.Length);
        writer.Write(bytes);
    }

    private static void WriteFloats(BinaryWriter writer, float[] values)
    {
        foreach (var v in values)
        {
            writer.Write(v);
        }
    }

    /// <summary>Little-endian reads that fail with <see cref="ClassifierModelException"/> instead of running off the end.</summary>
    private ref struct SpanReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> data = data;
        private int position;

        public readonly bool AtEnd => position == data.Length;

        public uint UInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public ushort UInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

        public string String()
        {
            var length = UInt16();
            if (length > MaxNameBytes)
            {
                throw new ClassifierModelException($"Classifier model has a {length}-byte name; the limit is {MaxNameBytes}.");
            }

            try
            {
                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Take(length));
            }
            catch (DecoderFallbackException error)
            {
                throw new ClassifierModelException("Classifier model has a name that is not UTF-8.", error);
            }
        }

        public float[] Floats(int count)
        {
            var bytes = Take(checked(count * 4));
            var values = new float[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i * 4, 4));
                if (!float.IsFinite(values[i]))
                {
                    throw new ClassifierModelException("Classifier model holds a non-finite number.");
                }
            }

            return values;
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count < 0 || data.Length - position < count)
            {
                throw new ClassifierModelException($"Classifier model is truncated ({data.Length} bytes).");
            }

            var slice = data.Slice(position, count);
            position += count;
            return slice;
        }
    }
}
