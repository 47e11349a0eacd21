using Glance.Grains.Interfaces.Monitoring;
using Glance.Demo.Channel;

namespace Glance.Demo;

/// <summary>
/// The demo channel's program schedule: every cycle of its programme is news (the presenter, the station logo) then a
/// match (Porto v Santos with the logo, an ad break where the channel cues one), in absolute times from the cycle on
/// air now. A schedule holds at most <see cref="MonitoringLimits.MaxPrograms"/> programs, so it covers a bounded
/// window (one cycle back, for segments analysed late, and up to an hour ahead) that the demo renews at half-time.
/// </summary>
internal static class DemoSchedule
{
    /// <summary>Two programs a cycle, well inside the schedule's limit.</summary>
    public const int MaxCycles = (MonitoringLimits.MaxPrograms / 2) - 10;

    /// <summary>Cycles a schedule covers ahead: the horizon's worth, at least two, at most <see cref="MaxCycles"/> minus the one behind.</summary>
    public static int CyclesAhead(DemoProgramme programme, TimeSpan horizon) =>
        (int)Math.Clamp(Math.Ceiling(horizon / programme.Cycle), 2, MaxCycles - 1);

    /// <summary>When to register again: halfway through what a schedule covers ahead.</summary>
    public static TimeSpan RenewalInterval(DemoProgramme programme, TimeSpan horizon) => programme.Cycle * CyclesAhead(programme, horizon) / 2;

    /// <param name="cycleStart">The start of the cycle on air now, by the channel's own clock.</param>
    public static IReadOnlyList<ScheduledProgram> Programs(DemoProgramme programme, DemoGallery gallery, DateTimeOffset cycleStart, TimeSpan horizon)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(gallery);
        var teams = gallery.Teams.Select(t => t.Name).ToList();
        var programs = new List<ScheduledProgram>();
        for (var cycle = -1; cycle < CyclesAhead(programme, horizon); cycle++)
        {
            var start = cycleStart + (programme.Cycle * cycle);
            var newsStart = start + programme.News.Start;
            var matchStart = start + programme.News.End;
            var matchEnd = newsStart + programme.Cycle;
            var id = newsStart.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var adBreak = new ScheduledBreak(start + programme.Break.Start, start + programme.Break.End);
            programs.Add(new ScheduledProgram("GTV News", newsStart, matchStart, Id: "news-" + id, Type: "news", StationLogo: gallery.Logo.Name, Language: "en"));
            programs.Add(new ScheduledProgram(
                $"{teams[0]} v {teams[1]}", matchStart, matchEnd, Id: "match-" + id, Type: "sport", StationLogo: gallery.Logo.Name, Teams: teams, Language: "en",
                Breaks: adBreak.Start >= matchStart && adBreak.End <= matchEnd ? [adBreak] : null));
        }

        return programs;
    }
}
