using System.Diagnostics;
using Glance.Media.Transport;
using Glance.Tests.Scte35;
using Xunit.Abstractions;

namespace Glance.Tests.Transport;

/// <summary>
/// Hostile input: 100,000 mutations of valid transport stream pieces (ffmpeg output, with and without a SCTE-35 PID) go
/// through the analyzer, alone or as segments of one long-lived stream. The analyzer reports errors; it never throws, and
/// it finishes. The seed is printed so that a failure can be replayed with GLANCE_FUZZ_SEED.
/// </summary>
[Collection(TransportMediaCollection.Name)]
public sealed class TransportFuzzTests(TransportMediaFixture media, ITestOutputHelper output)
{
    private const int Inputs = 100_000;

    [Fact(Timeout = 300_000)]
    public async Task Mutated_streams_never_throw_and_never_hang()
    {
        var seed = FuzzSeed.Choose(output);
        var seeds = Seeds();
        var stopwatch = Stopwatch.StartNew();

        var (bytes, cues, errors) = await Task.Run(() => Run(seed, seeds));

        output.WriteLine($"{Inputs} inputs, {bytes / 1e6:F1} MB, {errors} errors counted, {cues} cues, {stopwatch.Elapsed.TotalSeconds:F1} s");
        errors.Should().BeGreaterThan(0, "mutations must actually produce faults");
        cues.Should().BeGreaterThan(0, "the SCTE-35 seed must reach the decoder");
    }

    private static (long Bytes, long Cues, long Errors) Run(int seed, IReadOnlyList<byte[]> seeds)
    {
        var random = new Random(seed);
        var longLived = new TransportStreamAnalyzer();
        long bytes = 0, cues = 0, errors = 0;
        for (var i = 0; i < Inputs; i++)
        {
            var input = Mutate(random, seeds[random.Next(seeds.Count)]);
            var analyzer = random.NextDouble() < 0.7 ? longLived : new TransportStreamAnalyzer();
            if (analyzer == longLived && random.NextDouble() < 0.05)
            {
                analyzer.MarkDiscontinuity();
            }

            TransportSegmentReport report;
            try
            {
                report = analyzer.Analyze(input);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"Input {i} (seed {seed}) threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }

            bytes += input.Length;
            cues += report.Cues.Count;
            errors += report.Errors.TotalCount;
        }

        return (bytes, cues, errors);
    }

    private List<byte[]> Seeds()
    {
        var start = media.CompliantTs[..(60 * 188)];
        var middle = media.CompliantTs[(5000 * 188)..(5060 * 188)];

        var corrupter = new TsCorrupter(start);
        var info = TsPacketInfo.ReadAll(start, TransportMediaFixture.VideoPid);
        foreach (var pmt in info.Where(p => p.Pid == TransportMediaFixture.PmtPid))
        {
            Scte35TransportTests.AddCueStreamToPmt(corrupter.Packet(pmt.Index));
        }

        var cc = 0;
        var sections = new[]
        {
            Scte35SpecSampleTests.ToBytes(Scte35SpecSampleTests.TimeSignalPlacementOpportunityStart),
            Scte35TransportTests.LargeTimeSignal(),
            Scte35SpecSampleTests.ToBytes(Scte35SpecSampleTests.SpliceInsertSample),
        };
        for (var s = 0; s < sections.Length; s++)
        {
            foreach (var packet in Scte35TransportTests.Packetize(sections[s], ref cc))
            {
                corrupter.InsertAfter(10 + (15 * s), packet);
            }
        }

        return [start, middle, corrupter.Build()];
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        var data = new List<byte>(seed);
        var mutations = random.Next(1, 9);
        for (var m = 0; m < mutations && data.Count > 0; m++)
        {
            var at = random.Next(data.Count);
            switch (random.Next(9))
            {
                case 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data[at] = (byte)random.Next(256);
                    break;
                case 2:
                    // A packet header and adaptation field: PID, flags, counters, lengths, PCR.
                    var packet = (at / 188) * 188;
                    for (var k = 1; k < 12 && packet + k < data.Count; k++)
                    {
                        if (random.Next(3) == 0)
                        {
                            data[packet + k] = (byte)random.Next(256);
                        }
                    }

                    break;
                case 3:
                    data.RemoveRange(at, Math.Min(random.Next(1, 400), data.Count - at));
                    break;
                case 4:
                    data.InsertRange(at, Enumerable.Range(0, random.Next(1, 400)).Select(_ => (byte)random.Next(256)));
                    break;
                case 5:
                    var length = Math.Min(random.Next(1, 2000), data.Count - at);
                    data.InsertRange(random.Next(data.Count), data.GetRange(at, length));
                    break;
                case 6:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 7:
                    // Section and PES length fields sit just after the header: make them lie.
                    var field = ((at / 188) * 188) + 5 + random.Next(4);
                    if (field < data.Count)
                    {
                        data[field] = (byte)(random.Next(2) == 0 ? 0xFF : random.Next(256));
                    }

                    break;
                default:
                    data[at] = 0x47;
                    break;
            }
        }

        return [.. data];
    }
}
