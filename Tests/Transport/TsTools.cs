using System.Globalization;
using System.Text.RegularExpressions;

namespace Glance.Tests.Transport;

/// <summary>
/// Reads what tstools' tsreport (an independent MPEG-TS tool set) says about a file, as a cross-check of the analyzer.
/// </summary>
internal static partial class TsTools
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    public static bool Available => File.Exists("/usr/bin/tsreport");

    public static async Task<long> PacketCountAsync(string path)
    {
        var output = await FfmpegTool.RunAsync("tsreport", [path], Path.GetDirectoryName(path)!, Timeout);
        return long.Parse(PacketCount().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>First and last PTS per PID, from tsreport -b.</summary>
    public static async Task<Dictionary<int, (long First, long Last)>> PtsRangesAsync(string path)
    {
        var output = await FfmpegTool.RunAsync("tsreport", ["-b", path], Path.GetDirectoryName(path)!, Timeout);
        var result = new Dictionary<int, (long, long)>();
        foreach (Match match in StreamPts().Matches(output))
        {
            result[int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)] =
                (long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
        }

        return result;
    }

    /// <summary>The PCR values (90 kHz base) that tsreport read from the stream, in order, from its -b CSV output.</summary>
    public static async Task<List<long>> PcrBasesAsync(string path)
    {
        var csv = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-pcr.csv");
        await FfmpegTool.RunAsync("tsreport", ["-b", "-o", csv, path], Path.GetDirectoryName(path)!, Timeout);
        var pcrs = new List<long>();
        long lastOffset = -1;
        foreach (var line in await File.ReadAllLinesAsync(csv))
        {
            var fields = line.Split(',');
            if (fields.Length > 2 && fields[1] == "read")
            {
                // A PCR packet that also starts a PES is listed twice with the same offset.
                var offset = long.Parse(fields[0], CultureInfo.InvariantCulture);
                if (offset != lastOffset)
                {
                    pcrs.Add(long.Parse(fields[2], CultureInfo.InvariantCulture));
                    lastOffset = offset;
                }
            }
        }

        return pcrs;
    }

    [GeneratedRegex(@"Read (\d+) TS packets")]
    private static partial Regex PacketCount();

    // The per-stream blocks start at the beginning of a line ("Stream N: PID ..."); their "First PTS" line follows within the block.
    [GeneratedRegex(@"^Stream \d+: PID [0-9a-fA-F]+ \((\d+)\)[^\n]*\n(?:(?!Stream )[^\n]*\n)*?\s*First PTS\s+(\d+)t, last\s+(\d+)t", RegexOptions.Multiline)]
    private static partial Regex StreamPts();
}
