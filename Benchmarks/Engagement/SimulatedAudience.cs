using Glance.Grains.Interfaces.Engagement;
using Glance.Grains.Interfaces.Timeline;
using Glance.Grains.Interfaces.Viewers;

namespace Glance.Benchmarks.Engagement;

/// <summary>
/// The ground truth of the bandit benchmark: viewers with hidden tastes, a replayed match timeline and the probability
/// that a viewer responds to an instrument in a context. The learner sees only what a real deployment would: the
/// profile (segments that reflect the hidden taste 70 % of the time, team fandom 80 %), the viewer's history and the
/// entities on screen.
/// </summary>
internal sealed class SimulatedAudience
{
    /// <summary>Seconds of the replayed timeline; decisions walk through it once.</summary>
    public const int TimelineSeconds = 3600;

    /// <summary>Hidden tastes: the response probability per instrument kind.</summary>
    private static readonly Dictionary<string, Dictionary<InstrumentKind, double>> Tastes = new()
    {
        ["gamer"] = new() { [InstrumentKind.Ad] = 0.02, [InstrumentKind.Trivia] = 0.30, [InstrumentKind.Quiz] = 0.25, [InstrumentKind.Poll] = 0.12, [InstrumentKind.Crosssell] = 0.03 },
        ["shopper"] = new() { [InstrumentKind.Ad] = 0.05, [InstrumentKind.Trivia] = 0.04, [InstrumentKind.Quiz] = 0.03, [InstrumentKind.Poll] = 0.05, [InstrumentKind.Crosssell] = 0.15 },
        ["casual"] = new() { [InstrumentKind.Ad] = 0.03, [InstrumentKind.Trivia] = 0.08, [InstrumentKind.Quiz] = 0.05, [InstrumentKind.Poll] = 0.25, [InstrumentKind.Crosssell] = 0.03 },
        ["ad-responsive"] = new() { [InstrumentKind.Ad] = 0.22, [InstrumentKind.Trivia] = 0.05, [InstrumentKind.Quiz] = 0.05, [InstrumentKind.Poll] = 0.05, [InstrumentKind.Crosssell] = 0.08 },
    };

    private static readonly string[] Archetypes = [.. Tastes.Keys];
    private static readonly string[] Teams = ["porto", "benfica"];
    private static readonly string[] Players = ["messi", "ronaldo"];

    private SimulatedAudience(IReadOnlyList<SimulatedViewer> viewers) => Viewers = viewers;

    public IReadOnlyList<SimulatedViewer> Viewers { get; }

    public static SimulatedAudience Create(int viewers, Random random)
    {
        var list = new List<SimulatedViewer>(viewers);
        for (var i = 0; i < viewers; i++)
        {
            var archetype = Archetypes[random.Next(Archetypes.Length)];
            var team = Teams[random.Next(Teams.Length)];
            var player = Players[random.Next(Players.Length)];
            var segments = new List<string>();
            // What the broadcaster knows is a noisy view of the hidden taste.
            segments.Add(random.NextDouble() < 0.7 ? archetype + "s" : Archetypes[random.Next(Archetypes.Length)] + "s");
            if (random.NextDouble() < 0.8)
            {
                segments.Add(team + "-fans");
            }

            var age = archetype switch
            {
                "gamer" => random.NextDouble() < 0.6 ? "18-24" : "25-34",
                "shopper" => random.NextDouble() < 0.6 ? "35-44" : "25-34",
                _ => random.NextDouble() < 0.5 ? "45-54" : "25-34",
            };
            var profile = new ViewerProfile(AgeRange: age, Country: random.NextDouble() < 0.7 ? "PT" : "ES", Segments: segments);
            list.Add(new SimulatedViewer($"sim-{i}", archetype, team, player, profile));
        }

        return new SimulatedAudience(list);
    }

    /// <summary>What is on screen during the second: scenes of 60 s alternating teams in possession, a star player, the ball in play most of the time.</summary>
    public static IReadOnlyList<(string Kind, string? Id, string Name)> Scene(int second, int seed)
    {
        var scene = second / 60;
        var random = new Random(HashCode.Combine(seed, scene));
        var entities = new List<(string, string?, string)> { ("team", Teams[scene % 2], Teams[scene % 2]) };
        if (random.NextDouble() < 0.5)
        {
            var player = Players[random.Next(Players.Length)];
            entities.Add(("person", player, player));
        }

        if (random.NextDouble() < 0.7)
        {
            entities.Add(("label", null, "sports ball"));
        }

        if (random.NextDouble() < 0.3)
        {
            entities.Add(("logo", "sponsor", "Sponsor"));
        }

        return entities;
    }

    /// <summary>The hidden probability that the viewer responds (click, answer, vote or purchase) to the instrument.</summary>
    public static double ResponseProbability(SimulatedViewer viewer, InstrumentView instrument, IReadOnlyList<ContextEntity> matched)
    {
        var definition = instrument.Definition;
        var p = Tastes[viewer.Archetype][definition.Kind];
        var targets = definition.Targeting?.Entities ?? [];
        if (definition.Kind == InstrumentKind.Crosssell && targets.Contains("team:" + viewer.Team) && matched.Count > 0)
        {
            p += viewer.Archetype == "shopper" ? 0.30 : 0.10; // their own team's shirt, while their team is on screen
        }

        if (definition.Kind == InstrumentKind.Trivia && targets.Contains("person:" + viewer.Player) && matched.Count > 0)
        {
            p += 0.12;
        }

        return Math.Clamp(p, 0.01, 0.9);
    }

    /// <summary>The catalog: what a broadcaster would plausibly set up, with priorities that favour the paying ads.</summary>
    public static IReadOnlyList<(string Id, object Definition)> Instruments() =>
    [
        ("ball-ad", new { kind = "ad", name = "Ball ad", ad = Ad("ball"), targeting = new { entities = new[] { "label:sports ball" } }, priority = 50, bid = 2 }),
        ("sponsor-ad", new { kind = "ad", name = "Sponsor ad", ad = Ad("sponsor"), priority = 40, bid = 3 }),
        ("porto-shirt", new { kind = "crosssell", name = "Porto shirt", offer = Offer("porto"), targeting = new { entities = new[] { "team:porto" } }, priority = 10 }),
        ("benfica-shirt", new { kind = "crosssell", name = "Benfica shirt", offer = Offer("benfica"), targeting = new { entities = new[] { "team:benfica" } }, priority = 10 }),
        ("messi-trivia", new { kind = "trivia", name = "Messi trivia", question = Question("Messi"), targeting = new { entities = new[] { "person:messi" } }, priority = 5 }),
        ("ronaldo-trivia", new { kind = "trivia", name = "Ronaldo trivia", question = Question("Ronaldo"), targeting = new { entities = new[] { "person:ronaldo" } }, priority = 5 }),
        ("match-poll", new { kind = "poll", name = "Match poll", poll = new { question = "Who wins?", options = new[] { "Porto", "Benfica", "Draw" } } }),
        ("half-quiz", new { kind = "quiz", name = "Half-time quiz", question = Question("the league") }),
    ];

    private static object Ad(string name) => new { creativeUrl = $"https://cdn.example.com/{name}.mp4", clickThroughUrl = $"https://shop.example.com/{name}", durationSeconds = 15, advertiser = name };

    private static object Offer(string team) => new { product = $"{team} home shirt", price = 79.9, currency = "EUR", url = $"https://shop.example.com/{team}" };

    private static object Question(string about) => new { question = $"A question about {about}", choices = new[] { "A", "B", "C" }, answer = 1 };
}

/// <param name="Archetype">Hidden: which kinds they respond to.</param>
/// <param name="Team">Hidden: the team whose shirt they might buy.</param>
/// <param name="Player">Hidden: the player whose trivia they like.</param>
internal sealed record SimulatedViewer(string Id, string Archetype, string Team, string Player, ViewerProfile Profile);
