using System.Buffers.Binary;

namespace Glance.Inference.Nn;

/// <summary>
/// Turns a manifest and its shard bytes into named weights: each group's shards are concatenated, its weights read
/// back to back, uint8/uint16 values dequantized as q * scale + min, float16 widened to float32. Does no I/O.
/// </summary>
public static class TfjsWeightDecoder
{
    /// <param name="shards">The bytes of a shard by its manifest path.</param>
    public static TfjsWeightMap Decode(TfjsWeightsManifest manifest, Func<string, ReadOnlyMemory<byte>> shards, string source)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(shards);
        var weights = new Dictionary<string, TfjsWeight>(StringComparer.Ordinal);
        foreach (var group in manifest.Groups)
        {
            var buffer = Concatenate(group.Paths.Select(shards).ToList());
            var offset = 0L;
            foreach (var spec in group.Weights)
            {
                var bytes = (long)spec.ElementCount * BytesPerElement(spec);
                if (offset + bytes > buffer.Length)
                {
                    throw new TfjsWeightsException(
                        $"{source}: weight '{spec.Name}' needs bytes {offset}..{offset + bytes} but the shards [{string.Join(", ", group.Paths)}] hold {buffer.Length}.");
                }

                weights[spec.Name] = DecodeOne(spec, buffer.AsSpan((int)offset, (int)bytes));
                offset += bytes;
            }
        }

        return new TfjsWeightMap(weights, source);
    }

    private static byte[] Concatenate(List<ReadOnlyMemory<byte>> parts)
    {
        var total = parts.Sum(p => (long)p.Length);
        if (total > int.MaxValue)
        {
            throw new TfjsWeightsException("A weight group is larger than 2 GB.");
        }

        var buffer = new byte[total];
        var offset = 0;
        foreach (var part in parts)
        {
            part.Span.CopyTo(buffer.AsSpan(offset));
            offset += part.Length;
        }

        return buffer;
    }

    private static int BytesPerElement(TfjsWeightSpec spec) => spec.QuantizationType switch
    {
        "uint8" => 1,
        "uint16" or "float16" => 2,
        _ => spec.DataType switch
        {
            "bool" => 1,
            "float16" => 2,
            _ => 4,
        },
    };

    private static TfjsWeight DecodeOne(TfjsWeightSpec spec, ReadOnlySpan<byte> bytes)
    {
        var count = spec.ElementCount;
        var values = new float[count];
        switch (spec.QuantizationType)
        {
            case "uint8":
                for (var i = 0; i < count; i++)
                {
                    values[i] = (bytes[i] * spec.Scale) + spec.Min;
                }

                break;
            case "uint16":
                for (var i = 0; i < count; i++)
                {
                    values[i] = (BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(i * 2)) * spec.Scale) + spec.Min;
                }

                break;
            case "float16":
                ReadHalves(bytes, values);
                break;
            default:
                switch (spec.DataType)
                {
                    case "int32":
                        var integers = new int[count];
                        for (var i = 0; i < count; i++)
                        {
                            integers[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(i * 4));
                        }

                        return new TfjsWeight(spec.Name, spec.Shape, spec.DataType, null, integers);
                    case "bool":
                        return new TfjsWeight(spec.Name, spec.Shape, spec.DataType, null, bytes.ToArray().Select(b => b != 0 ? 1 : 0).ToArray());
                    case "float16":
                        ReadHalves(bytes, values);
                        break;
                    default:
                        for (var i = 0; i < count; i++)
                        {
                            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i * 4));
                        }

                        break;
                }

                break;
        }

        if (spec.DataType is "int32" or "bool")
        {
            // A quantized integer weight: TF.js dequantizes, then rounds back to integers.
            return new TfjsWeight(spec.Name, spec.Shape, spec.DataType, null, values.Select(v => (int)MathF.Round(v)).ToArray());
        }

        return new TfjsWeight(spec.Name, spec.Shape, "float32", values, null);
    }

    private static void ReadHalves(ReadOnlySpan<byte> bytes, Span<float> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(i * 2)));
        }
    }
}
