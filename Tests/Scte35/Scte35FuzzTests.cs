using Glance.Media.Scte35;
using Glance.Tests.Transport;
using Xunit.Abstractions;

namespace Glance.Tests.Scte35;

/// <summary>
/// Hostile input: 100,000 mutations of valid splice_info_sections (the standard's samples and sections built here), half
/// of them with a corrected section_length and CRC so that they get past the checksum into the parser, some as text.
/// Only <see cref="Scte35FormatException"/> may come out; the seed is printed for replay with GLANCE_FUZZ_SEED.
/// </summary>
public sealed class Scte35FuzzTests(ITestOutputHelper output)
{
    private const int Inputs = 100_000;

    [Fact(Timeout = 300_000)]
    public async Task Mutated_sections_throw_only_the_decoders_own_exception()
    {
        var seed = FuzzSeed.Choose(output);

        var (decoded, rejected) = await Task.Run(() => Run(seed));

        output.WriteLine($"{Inputs} inputs: {decoded} decoded, {rejected} rejected with Scte35FormatException");
        decoded.Should().BeGreaterThan(Inputs / 20, "re-CRC'd mutations must reach deep into the parser");
        rejected.Should().BeGreaterThan(Inputs / 20);
    }

    private static (int Decoded, int Rejected) Run(int seed)
    {
        var random = new Random(seed);
        var seeds = Seeds();
        int decoded = 0, rejected = 0;
        for (var i = 0; i < Inputs; i++)
        {
            var input = Mutate(random, seeds[random.Next(seeds.Count)]);
            try
            {
                _ = (i % 10) switch
                {
                    0 => Scte35Decoder.DecodeText(Convert.ToBase64String(input)),
                    1 => Scte35Decoder.DecodeText("0x" + Convert.ToHexString(input)),
                    2 => Scte35Decoder.DecodeText(MutateText(random, Convert.ToBase64String(input))),
                    3 => Scte35Decoder.Decode(input, verifyCrc: false),
                    _ => Scte35Decoder.Decode(input),
                };
                decoded++;
            }
            catch (Scte35FormatException)
            {
                rejected++;
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException(
                    $"Input {i} (seed {seed}) threw {e.GetType().Name}: {e.Message}\n{Convert.ToHexString(input)}\n{e.StackTrace}");
            }
        }

        return (decoded, rejected);
    }

    private static List<byte[]> Seeds()
    {
        var seeds = Scte35SpecSampleTests.Samples.Select(Scte35SpecSampleTests.ToBytes).ToList();
        seeds.Add(Transport.Scte35TransportTests.LargeTimeSignal());
        seeds.Add(SectionBits.Section(0x04, new SectionBits().Put(1, 8).Put(10, 32).Flag(false).Put(0x7F, 7)
            .Flag(true).Flag(false).Flag(true).Put(0x1F, 5).Put(1, 8).Put(3, 8).Put(99, 32)
            .Flag(true).Put(0x3F, 6).Put(2_700_000, 33).Put(9, 16).Put(1, 8).Put(2, 8).ToArray(), []));
        seeds.Add(SectionBits.Section(0x05, new SectionBits().Put(5, 32).Flag(false).Put(0x7F, 7)
            .Flag(true).Flag(false).Flag(true).Flag(false).Flag(false).Put(7, 3).Put(2, 8)
            .Put(0x30, 8).Flag(true).Put(0x3F, 6).Put(1000, 33).Put(0x31, 8).Flag(false).Put(0x7F, 7)
            .Flag(false).Put(0x3F, 6).Put(90_000, 33).Put(1, 16).Put(0, 8).Put(0, 8).ToArray(), []));
        var mid = new SectionBits().Put(0x03, 8).Put(12, 8).Bytes("ABCD01234567"u8).Put(0x0F, 8).Put(3, 8).Bytes("u:x"u8).ToArray();
        var segmentation = SectionBits.Descriptor(0x02, new SectionBits().Put(7, 32).Flag(false).Flag(true).Put(0x3F, 6)
            .Flag(false).Flag(true).Flag(false).Flag(true).Flag(true).Flag(true).Put(2, 2)
            .Put(1, 8).Put(0x44, 8).Put(0x7F, 7).Put(3003, 33).Put(90_000L * 60, 40)
            .Put(0x0D, 8).Put((ulong)mid.Length, 8).Bytes(mid).Put(0x36, 8).Put(1, 8).Put(2, 8).Put(3, 8).Put(4, 8).ToArray());
        var dtmf = SectionBits.Descriptor(0x01, new SectionBits().Put(177, 8).Put(4, 3).Put(0x1F, 5).Bytes("121#"u8).ToArray());
        var time = SectionBits.Descriptor(0x03, new SectionBits().Put(1_700_000_000, 48).Put(500, 32).Put(37, 16).ToArray());
        var audio = SectionBits.Descriptor(0x04, new SectionBits().Put(2, 4).Put(0xF, 4)
            .Put(0x11, 8).Bytes("eng"u8).Put(3, 3).Put(2, 4).Flag(true).Put(0x12, 8).Bytes("fra"u8).Put(1, 3).Put(1, 4).Flag(false).ToArray());
        seeds.Add(SectionBits.Section(0xFF, [0x41, 0x42, 0x43, 0x44, 1, 2, 3], [.. segmentation, .. dtmf, .. time, .. audio]));
        return seeds;
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        var data = new List<byte>(seed);
        var mutations = random.Next(1, 5);
        for (var m = 0; m < mutations && data.Count > 0; m++)
        {
            var at = random.Next(data.Count);
            switch (random.Next(6))
            {
                case 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data[at] = (byte)random.Next(256);
                    break;
                case 2:
                    data.RemoveRange(at, Math.Min(random.Next(1, 16), data.Count - at));
                    break;
                case 3:
                    data.InsertRange(at, Enumerable.Range(0, random.Next(1, 16)).Select(_ => (byte)random.Next(256)));
                    break;
                case 4:
                    data.RemoveRange(at, data.Count - at);
                    break;
                default:
                    data[at] = random.Next(2) == 0 ? (byte)0xFF : (byte)0x00;
                    break;
            }
        }

        var bytes = data.ToArray();
        if (bytes.Length >= 7 && random.Next(2) == 0)
        {
            // Make the section self-consistent so that it gets past section_length and CRC into the command parser.
            var sectionLength = Math.Min(bytes.Length - 3, 0xFFF);
            bytes[1] = (byte)((bytes[1] & 0xF0) | (sectionLength >> 8));
            bytes[2] = (byte)sectionLength;
            SectionBits.FixCrc(bytes);
        }

        return bytes;
    }

    private static string MutateText(Random random, string text)
    {
        var chars = text.ToCharArray();
        if (chars.Length > 0)
        {
            chars[random.Next(chars.Length)] = "A+/=!0x \n"[random.Next(9)];
        }

        return new string(chars);
    }
}
