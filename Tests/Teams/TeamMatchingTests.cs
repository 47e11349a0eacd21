using Glance.Detection;
using Glance.Detection.Local.Teams;
using Glance.Detection.Local.Text;

namespace Glance.Tests.Teams;

public sealed class TeamMatchingTests
{
    private static readonly KnownTeam Porto = new("porto", "FC Porto", ["POR", "FCP"], ["Porto", "Dragões"], null);
    private static readonly KnownTeam SaoPaulo = new("spfc", "São Paulo", ["SAO"], ["Tricolor Paulista"], null);
    private static readonly KnownTeam Santos = new("santos", "Santos", ["SAN"], ["Peixe"], null);

    [Theory]
    [InlineData("São Paulo", "SAO PAULO")]
    [InlineData("Porto", "PORTO")]
    [InlineData("Dragões", "DRAGOES")]
    [InlineData("Bayern München", "BAYERN MUNCHEN")]
    [InlineData("  1-0  ", "1 0")]
    [InlineData("Ærø Łódź", "AERO LODZ")]
    public void Folding_ignores_case_accents_and_punctuation(string text, string folded)
    {
        TextFolding.Fold(text).Should().Be(folded);
    }

    [Theory]
    [InlineData("PORTO", "PORTO", 0)]
    [InlineData("PORTO", "PROTO", 1)]
    [InlineData("PORTO", "PORT", 1)]
    [InlineData("SAOPAULO", "SA0PAUL0", 2)]
    [InlineData("ABC", "XYZ", 3)]
    public void Edit_distance_counts_a_swap_as_one(string a, string b, int distance)
    {
        EditDistance.Compute(a, b, 5).Should().Be(distance);
        EditDistance.Compute(a, b, 0).Should().Be(distance == 0 ? 0 : 1, "beyond the limit it reports limit + 1");
    }

    [Fact]
    public void Abbreviations_match_exactly_and_only_exactly()
    {
        var matches = TeamTextMatcher.Match(Text(("POR1-0", 0.9), ("SAN", 0.95)), [Porto, SaoPaulo, Santos]);
        var near = TeamTextMatcher.Match(Text(("POL", 0.9), ("SAM", 0.9)), [Porto, Santos]);

        matches.Select(m => m.TeamId).Should().BeEquivalentTo("porto", "santos");
        matches.Single(m => m.TeamId == "santos").Confidence.Should().Be(0.95);
        near.Should().BeEmpty();
    }

    [Fact]
    public void Names_match_across_words_case_and_accents()
    {
        var spaced = TeamTextMatcher.Match(Text(("SAO", 0.8), ("PAULO", 0.9)), [SaoPaulo]);
        var merged = TeamTextMatcher.Match(Text(("SAOPAULO", 0.9)), [SaoPaulo]);
        var nickname = TeamTextMatcher.Match(Text(("dragoes", 0.9)), [Porto]);

        spaced.Should().ContainSingle().Which.Confidence.Should().BeGreaterThanOrEqualTo(0.8, "SAO alone is also the abbreviation; the best match counts");
        merged.Should().ContainSingle().Which.TeamId.Should().Be("spfc");
        nickname.Should().ContainSingle().Which.Confidence.Should().Be(0.9);
    }

    [Fact]
    public void Longer_names_allow_more_edits_and_each_edit_costs_confidence()
    {
        // PORTO (5 letters): one edit. TRICOLORPAULISTA (16): two. PEIXE (5) with two edits: no.
        TeamTextMatcher.Match(Text(("PORT0", 1.0)), [Porto]).Should().ContainSingle().Which.Confidence.Should().BeApproximately(0.9, 1e-9);
        TeamTextMatcher.Match(Text(("TRIC0LOR", 1.0), ("PAULISTE", 1.0)), [SaoPaulo]).Should().ContainSingle().Which.Confidence.Should().BeApproximately(0.8, 1e-9);
        TeamTextMatcher.Match(Text(("PXXXE", 1.0)), [Santos]).Should().BeEmpty();
        TeamTextMatcher.AllowedEdits(4).Should().Be(0);
    }

    [Fact]
    public void Text_and_logo_evidence_combine_as_independent()
    {
        LocalTeamDetector.Combine(0.5, 0.5).Should().BeApproximately(0.75, 1e-9);
        LocalTeamDetector.Combine(0.9, 0).Should().BeApproximately(0.9, 1e-9);
        LocalTeamDetector.Combine(1.2, -1).Should().Be(1);
    }

    private static RecognizedText Text(params (string Word, double Confidence)[] words)
    {
        var recognized = words.Select((w, i) => new RecognizedWord(w.Word, w.Confidence, new BoundingBox(0.1 * i, 0.1, 0.08, 0.05), 0)).ToList();
        return new RecognizedText(recognized, [new RecognizedLine(string.Join(' ', words.Select(w => w.Word)), 0.9, new BoundingBox(0, 0.1, 0.5, 0.05))]);
    }
}
