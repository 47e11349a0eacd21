using System.Text.Json;
using Glance.Media.Scte35;
using Glance.Media.Transport;
using Glance.Tests.Scte35;

namespace Glance.Tests.Transport;

/// <summary>The JSON helpers write the <c>transport</c> object and the <c>cues</c> array of <c>inspect segment</c>.</summary>
[Collection(TransportMediaCollection.Name)]
public sealed class TransportReportJsonTests(TransportMediaFixture media)
{
    [Fact]
    public void Transport_json_has_packets_and_every_check_by_its_json_name()
    {
        var corrupter = new TsCorrupter(media.CompliantTs);
        corrupter.FlipTransportErrorIndicator(100);
        var report = new TransportStreamAnalyzer().Analyze(corrupter.Build());

        using var json = JsonDocument.Parse(Write(w => TransportReportJson.WriteTransport(w, report)));

        var root = json.RootElement;
        root.GetProperty("packets").GetInt64().Should().Be(report.Packets);
        var errors = root.GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).Should().Equal(
            "syncLoss", "syncByte", "pat", "continuity", "pmt", "pid", "transport", "crc", "pcrRepetition", "pcrDiscontinuity", "pts");
        errors.GetProperty("transport").GetProperty("count").GetInt32().Should().Be(1);
        errors.GetProperty("transport").GetProperty("firstOffset").GetInt64().Should().Be(100 * 188);
        errors.GetProperty("transport").GetProperty("firstTime").GetDouble().Should().BeGreaterThan(0);
        errors.GetProperty("pat").GetProperty("firstOffset").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("pids").GetArrayLength().Should().Be(5);
    }

    [Fact]
    public void Cues_json_carries_the_splice_and_its_stream_time()
    {
        var section = Scte35Decoder.DecodeText(Scte35SpecSampleTests.SpliceInsertSample);
        var cue = new TransportCue(0x1F0, 188 * 7, 1936300000, section, null);

        using var json = JsonDocument.Parse(Write(w => TransportReportJson.WriteCues(w, [cue], pts => SpliceTimeMapping.ToStreamTime(pts, 1936310318 - 900_000, 100))));

        var item = json.RootElement.EnumerateArray().Single();
        item.GetProperty("pts").GetInt64().Should().Be(1936310318);
        item.GetProperty("streamTime").GetDouble().Should().Be(110.0);
        var splice = item.GetProperty("splice");
        splice.GetProperty("command").GetString().Should().Be("splice_insert");
        splice.GetProperty("eventId").GetInt64().Should().Be(0x4800008F);
        splice.GetProperty("outOfNetwork").GetBoolean().Should().BeTrue();
        splice.GetProperty("duration").GetDouble().Should().BeApproximately(60.293567, 1e-6);
    }

    [Fact]
    public void Options_outside_their_range_are_refused()
    {
        var create = () => new TransportStreamAnalyzer(new TransportAnalyzerOptions { PcrRepetitionLimit = TimeSpan.Zero });

        create.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("PcrRepetitionLimit");
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
