using System.Globalization;
using System.Text.RegularExpressions;
using nietras.SeparatedValues;

namespace Glance.Grains.Monitoring;

/// <summary>
/// Reads a schedule from CSV, in either of two column sets (told apart by their names; case, spaces, underscores and
/// DynamoDB type suffixes such as " (S)" do not matter):
/// <list type="bullet">
/// <item>the AWS broadcast-monitoring sample's: Stream_ID (ignored), Start_Time and End_Time in seconds from the event
/// start, Event_ID, Event_Title, Event_Type, Station_Logo, Sports_Type, languageCode, Team_Info ("POR V SAN");</item>
/// <item>ours: id, title, type, start and end (ISO 8601), stationLogo, sport, teams ("Porto;Santos"), language,
/// captions (true/false), disabledChecks and enabledChecks ("sport;teams").</item>
/// </list>
/// Pure: parsing does no I/O. Overlaps and gaps are <see cref="ScheduleRules"/>' to find.
/// </summary>
public static partial class ScheduleCsv
{
    private static readonly Dictionary<string, Column> Columns = new(StringComparer.Ordinal)
    {
        ["streamid"] = Column.Ignored,
        ["starttime"] = Column.StartOffset,
        ["endtime"] = Column.EndOffset,
        ["eventid"] = Column.Id,
        ["eventtitle"] = Column.Title,
        ["eventtype"] = Column.Type,
        ["stationlogo"] = Column.StationLogo,
        ["sportstype"] = Column.Sport,
        ["languagecode"] = Column.Language,
        ["teaminfo"] = Column.Teams,
        ["id"] = Column.Id,
        ["title"] = Column.Title,
        ["type"] = Column.Type,
        ["start"] = Column.Start,
        ["end"] = Column.End,
        ["sport"] = Column.Sport,
        ["teams"] = Column.Teams,
        ["language"] = Column.Language,
        ["captions"] = Column.Captions,
        ["disabledchecks"] = Column.DisabledChecks,
        ["enabledchecks"] = Column.EnabledChecks,
    };

    private enum Column
    {
        Ignored,
        Id,
        Title,
        Type,
        Start,
        End,
        StartOffset,
        EndOffset,
        StationLogo,
        Sport,
        Teams,
        Language,
        Captions,
        DisabledChecks,
        EnabledChecks,
    }

    /// <param name="eventStart">What the sample's relative offsets count from.</param>
    /// <exception cref="ValidationFailedException">The CSV cannot be read; errors keyed "csv" or "line N".</exception>
    public static IReadOnlyList<ScheduledProgram> Parse(string csv, DateTimeOffset eventStart)
    {
        ArgumentNullException.ThrowIfNull(csv);
        if (csv.Length > MonitoringLimits.MaxCsvBytes)
        {
            throw new ValidationFailedException("csv", $"A schedule CSV is at most {MonitoringLimits.MaxCsvBytes} bytes.");
        }

        if (string.IsNullOrWhiteSpace(csv))
        {
            throw new ValidationFailedException("csv", "The CSV is empty: a header line names the columns, then one line per program.");
        }

        try
        {
            return Read(csv.TrimStart('\uFEFF'), eventStart);
        }
        catch (InvalidDataException e)
        {
            // Sep's reason for rows it cannot split (a row with a different number of columns, an unclosed quote).
            throw new ValidationFailedException("csv", "The CSV cannot be read: " + e.Message);
        }
    }

    private static List<ScheduledProgram> Read(string csv, DateTimeOffset eventStart)
    {
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true, Trim = SepTrim.All }).FromText(csv);
        var header = reader.Header.ColNames;
        var columns = new Column[header.Count];
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var key = ColumnKey(header[i]);
            if (!Columns.TryGetValue(key, out columns[i]))
            {
                errors["csv"] = [$"Unknown column '{header[i]}'. Known: {string.Join(", ", Columns.Keys)} (case, spaces, '_' and type suffixes such as ' (S)' ignored)."];
            }
        }

        var has = columns.ToHashSet();
        var absolute = has.Contains(Column.Start) && has.Contains(Column.End);
        var relative = has.Contains(Column.StartOffset) && has.Contains(Column.EndOffset);
        if (!absolute && !relative)
        {
            errors["csv"] = ["The header names neither start and end (ISO 8601) nor Start_Time and End_Time (seconds from the event start)."];
        }

        if (!has.Contains(Column.Title))
        {
            errors["csv"] = ["The header names no title column (title or Event_Title)."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var programs = new List<ScheduledProgram>();
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            if (programs.Count == MonitoringLimits.MaxPrograms)
            {
                throw new ValidationFailedException("csv", $"A schedule holds at most {MonitoringLimits.MaxPrograms} programs.");
            }

            var fields = new Dictionary<Column, string>();
            for (var i = 0; i < columns.Length; i++)
            {
                var value = row[i].ToString();
                if (value.Length > MonitoringLimits.MaxTextLength)
                {
                    errors[$"line {line}"] = [$"Column '{header[i]}' holds more than {MonitoringLimits.MaxTextLength} characters."];
                }
                else if (value.Length > 0 && columns[i] != Column.Ignored)
                {
                    fields[columns[i]] = value;
                }
            }

            if (ToProgram(fields, eventStart, absolute, out var error) is { } program)
            {
                programs.Add(program);
            }
            else
            {
                errors[$"line {line}"] = [error!];
            }
        }

        return errors.Count > 0 ? throw new ValidationFailedException(errors) : programs;
    }

    private static ScheduledProgram? ToProgram(Dictionary<Column, string> f, DateTimeOffset eventStart, bool absolute, out string? error)
    {
        error = null;
        DateTimeOffset start, end;
        if (absolute)
        {
            if (!Instant(f.GetValueOrDefault(Column.Start), out start) || !Instant(f.GetValueOrDefault(Column.End), out end))
            {
                error = "start and end are ISO 8601 times with an offset, e.g. 2026-12-06T20:00:00Z.";
                return null;
            }
        }
        else if (Offset(f.GetValueOrDefault(Column.StartOffset), out var from) && Offset(f.GetValueOrDefault(Column.EndOffset), out var to))
        {
            start = eventStart.AddSeconds(from);
            end = eventStart.AddSeconds(to);
        }
        else
        {
            error = "Start_Time and End_Time are seconds from the event start (0 to 31 days).";
            return null;
        }

        if (!Checks(f.GetValueOrDefault(Column.DisabledChecks), out var disabled) || !Checks(f.GetValueOrDefault(Column.EnabledChecks), out var enabled))
        {
            error = $"disabledChecks and enabledChecks list checks separated by ';' ({string.Join(", ", Enum.GetNames<MonitoringCheck>())}).";
            return null;
        }

        var captions = false;
        if (f.TryGetValue(Column.Captions, out var captionsText) && !bool.TryParse(captionsText, out captions))
        {
            error = "captions is true or false.";
            return null;
        }

        return new ScheduledProgram(
            f.GetValueOrDefault(Column.Title) ?? string.Empty,
            start,
            end,
            f.GetValueOrDefault(Column.Id),
            f.GetValueOrDefault(Column.Type),
            f.GetValueOrDefault(Column.StationLogo),
            f.GetValueOrDefault(Column.Sport),
            f.TryGetValue(Column.Teams, out var teams) ? SplitTeams(teams) : [],
            f.GetValueOrDefault(Column.Language),
            captions,
            [],
            disabled.Count + enabled.Count > 0 ? new CheckSettings(enabled, disabled) : null);
    }

    /// <summary>"POR V SAN", "Porto vs. Santos", "Porto;Santos" and "Porto|Santos" all name two teams.</summary>
    public static IReadOnlyList<string> SplitTeams(string teams) =>
        TeamSeparator().Split(teams).Select(t => t.Trim()).Where(t => t.Length > 0).ToList();

    private static string ColumnKey(string name) =>
        new(TypeSuffix().Replace(name, string.Empty).Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static bool Instant(string? text, out DateTimeOffset at) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);

    private static bool Offset(string? text, out double seconds) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds is >= 0 and <= 31 * 86400;

    private static bool Checks(string? text, out List<MonitoringCheck> checks)
    {
        checks = [];
        foreach (var name in (text ?? string.Empty).Split([';', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Enum.TryParse<MonitoringCheck>(name, ignoreCase: true, out var check) || !Enum.IsDefined(check))
            {
                return false;
            }

            checks.Add(check);
        }

        return true;
    }

    [GeneratedRegex(@"\s*\((?:S|N|B|SS|NS|BOOL|L|M)\)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TypeSuffix();

    [GeneratedRegex(@"\s+(?:v|vs)\.?\s+|[;|]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TeamSeparator();
}
