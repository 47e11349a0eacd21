namespace Glance.Grains.Interfaces.Monitoring;

/// <summary>One program of an event's schedule: what should be on air from <paramref name="Start"/> to <paramref name="End"/>.</summary>
/// <param name="Id">The broadcaster's id of the program; generated from its place in the schedule when absent.</param>
/// <param name="Type">news, sport, entertainment, ... ("news" never runs sport or team checks).</param>
/// <param name="StationLogo">The logo expected on screen: a registered logo's id or its name.</param>
/// <param name="Sport">The sport expected (e.g. soccer), as the sport detector names it.</param>
/// <param name="Teams">Team ids, names or abbreviations expected on screen.</param>
/// <param name="Language">The program's language (BCP 47), recorded for what consumes the schedule.</param>
/// <param name="Captions">Whether captions are expected.</param>
/// <param name="Breaks">Ad breaks, where SCTE-35 cues are expected at start and end.</param>
/// <param name="Checks">Switches and thresholds for this program, over the event's.</param>
[GenerateSerializer, Immutable, Alias("glance.monitoring.scheduled-program")]
public sealed record ScheduledProgram(
    string Title,
    DateTimeOffset Start,
    DateTimeOffset End,
    string? Id = null,
    string? Type = null,
    string? StationLogo = null,
    string? Sport = null,
    IReadOnlyList<string>? Teams = null,
    string? Language = null,
    bool Captions = false,
    IReadOnlyList<ScheduledBreak>? Breaks = null,
    CheckSettings? Checks = null);

/// <summary>An ad break inside a program, in absolute time.</summary>
[GenerateSerializer, Immutable, Alias("glance.monitoring.scheduled-break")]
public sealed record ScheduledBreak(DateTimeOffset Start, DateTimeOffset End);
