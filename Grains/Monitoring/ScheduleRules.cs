using System.Globalization;
namespace Glance.Grains.Monitoring;

/// <summary>
/// Normalizes and validates a schedule: every program well formed and bounded, ids unique, and the programs in time
/// order with neither overlaps nor gaps between them (a gap would leave segments checked against nothing, an overlap
/// against two programs). Errors name the programs by title and id.
/// </summary>
public static class ScheduleRules
{
    /// <returns>The programs in time order, normalized.</returns>
    /// <exception cref="ValidationFailedException">Anything is wrong, each problem keyed by the program's place in the input.</exception>
    public static IReadOnlyList<ScheduledProgram> Validate(IReadOnlyList<ScheduledProgram?> programs)
    {
        ArgumentNullException.ThrowIfNull(programs);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (programs.Count > MonitoringLimits.MaxPrograms)
        {
            throw new ValidationFailedException("programs", $"A schedule holds at most {MonitoringLimits.MaxPrograms} programs; this one has {programs.Count}.");
        }

        var normalized = new List<(int Index, ScheduledProgram Program)>(programs.Count);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < programs.Count; i++)
        {
            if (programs[i] is not { } program)
            {
                Add(errors, $"programs[{i}]", "A program is an object, not null.");
                continue;
            }

            var p = Normalize(program, i);
            ValidateProgram(p, $"programs[{i}]", errors);
            if (p.Id is not null && !ids.TryAdd(p.Id, i))
            {
                Add(errors, $"programs[{i}].id", $"'{p.Id}' is also the id of programs[{ids[p.Id]}].");
            }

            normalized.Add((i, p));
        }

        var ordered = normalized.OrderBy(p => p.Program.Start).ToList();
        for (var k = 1; k < ordered.Count; k++)
        {
            var (_, before) = ordered[k - 1];
            var (index, after) = ordered[k];
            if (after.Start < before.End)
            {
                Add(errors, $"programs[{index}]", $"{Name(after)} starts at {Time(after.Start)}, before {Name(before)} ends at {Time(before.End)}: programs must not overlap.");
            }
            else if (after.Start > before.End)
            {
                Add(errors, $"programs[{index}]", $"{Name(after)} starts at {Time(after.Start)}, {(after.Start - before.End).TotalSeconds:0.###} s after {Name(before)} ends at {Time(before.End)}: programs must leave no gap (schedule a filler program).");
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }

        return ordered.Select(p => p.Program).ToList();
    }

    public static string Name(ScheduledProgram program) => $"'{program.Title}' ({program.Id})";

    private static ScheduledProgram Normalize(ScheduledProgram p, int index) => p with
    {
        Id = Trimmed(p.Id) ?? $"program-{index + 1}",
        Title = p.Title?.Trim() ?? string.Empty,
        Type = Trimmed(p.Type)?.ToLowerInvariant() switch
        {
            "sports" => "sport",
            var type => type,
        },
        StationLogo = Trimmed(p.StationLogo),
        Sport = Trimmed(p.Sport),
        Teams = p.Teams?.Select(Trimmed).OfType<string>().ToList() ?? [],
        Language = Trimmed(p.Language),
        Breaks = p.Breaks?.OrderBy(b => b?.Start).ToList() ?? [],
    };

    private static void ValidateProgram(ScheduledProgram p, string key, Dictionary<string, List<string>> errors)
    {
        if (p.Id!.Length > MonitoringLimits.MaxIdLength || !p.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            Add(errors, key + ".id", $"An id is 1 to {MonitoringLimits.MaxIdLength} letters, digits, '-', '_' or '.'.");
        }

        if (p.Title.Length == 0)
        {
            Add(errors, key + ".title", "Every program has a title.");
        }

        foreach (var (field, value) in new[] { ("title", p.Title), ("type", p.Type), ("stationLogo", p.StationLogo), ("sport", p.Sport), ("language", p.Language) })
        {
            if (value is { Length: > MonitoringLimits.MaxTextLength })
            {
                Add(errors, $"{key}.{field}", $"At most {MonitoringLimits.MaxTextLength} characters.");
            }
        }

        if (p.End <= p.Start)
        {
            Add(errors, key + ".end", $"{Name(p)} ends at {Time(p.End)}, not after it starts at {Time(p.Start)}.");
        }

        if (p.Teams!.Count > MonitoringLimits.MaxTeams || p.Teams.Any(t => t.Length > MonitoringLimits.MaxTextLength))
        {
            Add(errors, key + ".teams", $"At most {MonitoringLimits.MaxTeams} teams of at most {MonitoringLimits.MaxTextLength} characters each.");
        }

        ValidateBreaks(p, key, errors);
        if (p.Checks?.Thresholds is { } thresholds)
        {
            foreach (var (name, error) in ThresholdRules.Check(thresholds))
            {
                Add(errors, $"{key}.checks.thresholds.{name}", error);
            }
        }
    }

    private static void ValidateBreaks(ScheduledProgram p, string key, Dictionary<string, List<string>> errors)
    {
        if (p.Breaks!.Count > MonitoringLimits.MaxBreaks)
        {
            Add(errors, key + ".breaks", $"At most {MonitoringLimits.MaxBreaks} breaks per program.");
            return;
        }

        DateTimeOffset? previousEnd = null;
        foreach (var b in p.Breaks)
        {
            if (b is null || b.End <= b.Start || b.Start < p.Start || b.End > p.End || b.Start < previousEnd)
            {
                Add(errors, key + ".breaks", $"Breaks of {Name(p)} end after they start, lie inside the program and do not overlap.");
                return;
            }

            previousEnd = b.End;
        }
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ss.FFFK", CultureInfo.InvariantCulture);

    private static void Add(Dictionary<string, List<string>> errors, string key, string error)
    {
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }

        list.Add(error);
    }
}
