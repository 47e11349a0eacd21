using Glance.Grains.Interfaces.Viewers;

namespace Glance.Grains.Engagement;

/// <summary>
/// Which instruments may be shown to this viewer now: kind, validity window, frequency cap, spacing, a recent
/// dismissal, audience and context targeting. Pure; the rankers only ever see what passes here.
/// </summary>
public static class InstrumentEligibility
{
    /// <param name="served">The viewer's serving count of an instrument of this event, by instrument id; null when never served.</param>
    /// <param name="dismissalSuppression">How long an instrument the viewer dismissed stays out; zero: not at all.</param>
    public static List<RankingCandidate> Candidates(
        IReadOnlyList<InstrumentView> instruments,
        RankingContext context,
        IReadOnlyList<InstrumentKind>? kinds,
        Func<string, ServedCount?> served,
        TimeSpan dismissalSuppression = default)
    {
        var candidates = new List<RankingCandidate>(instruments.Count);

        // Indexed loops here and below: a foreach over these interfaces would allocate an enumerator each time, which on
        // the decision path is per instrument and per context entity.
        for (var i = 0; i < instruments.Count; i++)
        {
            var instrument = instruments[i];
            var definition = instrument.Definition;
            if (kinds is { Count: > 0 } && !kinds.Contains(definition.Kind))
            {
                continue;
            }

            if (!(definition.Validity ?? InstrumentValidity.Always).Covers(context.Position, context.Now))
            {
                continue;
            }

            var servings = served(instrument.Id);
            if (!WithinCaps(definition, servings, context.Now) || Suppressed(servings, context.Now, dismissalSuppression))
            {
                continue;
            }

            var targeting = definition.Targeting ?? InstrumentTargeting.None;
            if (targeting.TargetsAudience && (context.Profile is null || !AudienceMatches(targeting, context.Profile)))
            {
                continue;
            }

            IReadOnlyList<ContextEntity> matched = [];
            if (targeting.Entities is { Count: > 0 } wanted)
            {
                if (MatchedOrNull(wanted, context.Entities) is not { } found)
                {
                    continue;
                }

                matched = found;
            }

            candidates.Add(new RankingCandidate(instrument, matched));
        }

        return candidates;
    }

    public static bool WithinCaps(InstrumentDefinition definition, ServedCount? served, DateTimeOffset now) =>
        served is not { } count
        || ((definition.MaxPerViewer is not { } cap || count.Count < cap)
            && (definition.MinSpacingSeconds is not { } spacing || (now - count.LastServedAt).TotalSeconds >= spacing));

    /// <summary>Whether the viewer dismissed the instrument less than <paramref name="suppression"/> ago.</summary>
    public static bool Suppressed(ServedCount? served, DateTimeOffset now, TimeSpan suppression) =>
        suppression > TimeSpan.Zero && served?.DismissedAt is { } dismissed && now - dismissed < suppression;

    /// <summary>Each of segments, countries and age ranges that the instrument names must hold one of the viewer's values.</summary>
    public static bool AudienceMatches(InstrumentTargeting targeting, ViewerProfile profile) =>
        (targeting.Segments is not { Count: > 0 } segments || AnyOf(profile.Segments, segments))
        && (targeting.Countries is not { Count: > 0 } countries || (profile.Country is { } country && Contains(countries, country, StringComparison.OrdinalIgnoreCase)))
        && (targeting.AgeRanges is not { Count: > 0 } ages || (profile.AgeRange is { } age && Contains(ages, age, StringComparison.Ordinal)));

    /// <summary>The context entities one of "kind:value" names, by the broadcaster's id or by the name seen.</summary>
    public static List<ContextEntity> Matched(InstrumentTargeting targeting, IReadOnlyList<ContextEntity> entities) =>
        targeting.Entities is { Count: > 0 } wanted ? MatchedOrNull(wanted, entities) ?? [] : [];

    /// <returns>Null when none matched: most targeted instruments match nothing on screen, and then no list is made.</returns>
    private static List<ContextEntity>? MatchedOrNull(IReadOnlyList<string> wanted, IReadOnlyList<ContextEntity> entities)
    {
        List<ContextEntity>? matched = null;
        for (var e = 0; e < entities.Count; e++)
        {
            var entity = entities[e];
            for (var t = 0; t < wanted.Count; t++)
            {
                if (Names(wanted[t], entity))
                {
                    (matched ??= []).Add(entity);
                    break;
                }
            }
        }

        return matched;
    }

    private static bool AnyOf(IReadOnlyList<string>? values, IReadOnlyList<string> wanted)
    {
        for (var i = 0; values is not null && i < values.Count; i++)
        {
            if (Contains(wanted, values[i], StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(IReadOnlyList<string> values, string value, StringComparison comparison)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, comparison))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Names(string target, ContextEntity entity)
    {
        var colon = target.IndexOf(':', StringComparison.Ordinal);
        var kind = target.AsSpan(0, colon);
        var value = target.AsSpan(colon + 1);
        return kind.Equals(entity.Kind, StringComparison.OrdinalIgnoreCase)
            && (value.Equals(entity.Id, StringComparison.OrdinalIgnoreCase) || value.Equals(entity.Name, StringComparison.OrdinalIgnoreCase));
    }
}
