namespace Glance.Demo.Channel;

/// <summary>A team named on the scoreboard by its abbreviation, to register as a known team.</summary>
public sealed record DemoTeam(string Id, string Name, IReadOnlyList<string> Abbreviations);
