using System.Runtime.CompilerServices;
using Glance.Detection.Local.Text;

namespace Glance.Detection.Local.Teams;

/// <summary>
/// Matches the words read in a frame to teams' names, nicknames and abbreviations, case- and accent-insensitively.
/// Abbreviations are short and must match exactly (one edit turns "POR" into "POL"). Names and nicknames may be a few
/// words long and are compared with runs of adjacent words on one line, spaced or run together (OCR drops spaces),
/// allowing one edit from 5 letters and two from 9.
/// </summary>
public static class TeamTextMatcher
{
    /// <summary>Confidence lost per edit between what was read and the name.</summary>
    private const double EditPenalty = 0.1;

    private static readonly ConditionalWeakTable<KnownTeam, FoldedTeam> Folded = [];

    /// <returns>The best match per team found in the text.</returns>
    public static IReadOnlyList<TeamTextMatch> Match(RecognizedText text, IReadOnlyList<KnownTeam> teams)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(teams);
        if (teams.Count == 0 || text.Words.Count == 0)
        {
            return [];
        }

        var lines = Tokenize(text);
        var best = new Dictionary<string, TeamTextMatch>(StringComparer.Ordinal);
        foreach (var team in teams)
        {
            var folded = Folded.GetValue(team, FoldedTeam.From);
            foreach (var line in lines)
            {
                foreach (var match in MatchLine(team.Id, folded, line))
                {
                    if (!best.TryGetValue(team.Id, out var current) || match.Confidence > current.Confidence)
                    {
                        best[team.Id] = match;
                    }
                }
            }
        }

        return [.. best.Values];
    }

    /// <summary>Allowed edits for a name of this many letters (spaces not counted).</summary>
    public static int AllowedEdits(int length) => length switch
    {
        <= 4 => 0,
        <= 8 => 1,
        _ => 2,
    };

    private static IEnumerable<TeamTextMatch> MatchLine(string teamId, FoldedTeam team, List<Token> line)
    {
        for (var start = 0; start < line.Count; start++)
        {
            foreach (var abbreviation in team.Abbreviations)
            {
                if (line[start].Text == abbreviation)
                {
                    yield return new TeamTextMatch(teamId, line[start].Confidence, line[start].Box, line[start].Text);
                }
            }

            foreach (var name in team.Names)
            {
                // A name of k words may be read as k tokens, fewer when OCR runs words together, or more when it splits
                // them (a digit read for a letter, "TRIC0LOR", cuts a token in three).
                for (var count = Math.Max(1, name.Words - 1); count <= name.Words + 2 && start + count <= line.Count; count++)
                {
                    var window = line.GetRange(start, count);
                    var spaced = string.Join(' ', window.Select(t => t.Text));
                    var joined = string.Concat(window.Select(t => t.Text));
                    var limit = AllowedEdits(name.Joined.Length);
                    var distance = Math.Min(
                        EditDistance.Compute(spaced, name.Spaced, limit),
                        EditDistance.Compute(joined, name.Joined, limit));
                    if (distance <= limit)
                    {
                        var confidence = window.Average(t => t.Confidence) * (1 - (EditPenalty * distance));
                        yield return new TeamTextMatch(teamId, confidence, Union(window), spaced);
                    }
                }
            }
        }
    }

    /// <summary>Folded tokens per line, in reading order; a word like "POR1-0" gives POR, 1 and 0.</summary>
    private static List<List<Token>> Tokenize(RecognizedText text)
    {
        var lines = new List<List<Token>>();
        foreach (var group in text.Words.GroupBy(w => w.Line))
        {
            var tokens = new List<Token>();
            foreach (var word in group)
            {
                var folded = TextFolding.Fold(word.Text);
                if (folded.Length == 0)
                {
                    continue;
                }

                var start = 0;
                for (var i = 1; i <= folded.Length; i++)
                {
                    var boundary = i == folded.Length
                        || folded[i] == ' '
                        || (folded[i - 1] != ' ' && char.IsDigit(folded[i]) != char.IsDigit(folded[i - 1]));
                    if (!boundary)
                    {
                        continue;
                    }

                    if (i > start && folded[start] != ' ')
                    {
                        tokens.Add(new Token(folded[start..i], word.Confidence, SubBox(word.Box, start, i, folded.Length)));
                    }

                    start = i < folded.Length && folded[i] == ' ' ? i + 1 : i;
                }
            }

            lines.Add(tokens);
        }

        return lines;
    }

    /// <summary>The part of a word's box that characters [start, end) of its text take, assuming even spacing.</summary>
    private static BoundingBox SubBox(BoundingBox box, int start, int end, int length) =>
        new(box.X + (box.Width * start / length), box.Y, box.Width * (end - start) / length, box.Height);

    private static BoundingBox Union(List<Token> tokens)
    {
        var left = tokens.Min(t => t.Box.X);
        var top = tokens.Min(t => t.Box.Y);
        var right = tokens.Max(t => t.Box.X + t.Box.Width);
        var bottom = tokens.Max(t => t.Box.Y + t.Box.Height);
        return new BoundingBox(left, top, right - left, bottom - top);
    }

    private readonly record struct Token(string Text, double Confidence, BoundingBox Box);

    private sealed record FoldedName(string Spaced, string Joined, int Words);

    private sealed record FoldedTeam(IReadOnlyList<string> Abbreviations, IReadOnlyList<FoldedName> Names)
    {
        public static FoldedTeam From(KnownTeam team)
        {
            var abbreviations = team.Abbreviations
                .Select(a => TextFolding.Fold(a).Replace(" ", string.Empty, StringComparison.Ordinal))
                .Where(a => a.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var names = team.Nicknames.Prepend(team.Name)
                .Select(TextFolding.Fold)
                .Where(n => n.Length > 0 && n.Length <= EditDistance.MaxLength)
                .Distinct(StringComparer.Ordinal)
                .Select(n => new FoldedName(n, n.Replace(" ", string.Empty, StringComparison.Ordinal), n.Count(c => c == ' ') + 1))
                .ToList();
            return new FoldedTeam(abbreviations, names);
        }
    }
}
