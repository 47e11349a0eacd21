using Glance.Grains.Interfaces.Webhooks;

namespace Glance.Grains.Webhooks;

/// <summary>What a webhook definition must be, every field checked and every list bounded; the SSRF check of the
/// target's addresses is the caller's (it resolves the host), and the sender's again at every connection.</summary>
public static class WebhookRules
{
    public sealed record Normalized(Uri Url, IReadOnlyList<string> Events, IReadOnlyList<MonitoringCheck> Checks, IReadOnlyList<string> EventIds, bool Enabled, string? Description);

    /// <exception cref="ValidationFailedException">Every invalid field, by name.</exception>
    public static Normalized Validate(WebhookDefinition? definition)
    {
        if (definition is null)
        {
            throw new ValidationFailedException("body", "A webhook has a url.");
        }

        var errors = new Dictionary<string, string[]>();
        Uri? url = null;
        if (string.IsNullOrWhiteSpace(definition.Url) || definition.Url.Length > WebhookLimits.MaxUrlLength
            || !Uri.TryCreate(definition.Url, UriKind.Absolute, out url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            errors["url"] = [$"url must be an absolute https URL of at most {WebhookLimits.MaxUrlLength} characters."];
        }

        var events = Distinct(definition.Events);
        if (events.Count > WebhookEventTypes.All.Count || events.Any(e => !WebhookEventTypes.All.Contains(e, StringComparer.Ordinal)))
        {
            errors["events"] = [$"events lists {string.Join(" and ", WebhookEventTypes.All)}."];
        }

        var checks = (definition.Checks ?? []).Distinct().ToList();
        if (checks.Any(c => !Enum.IsDefined(c)))
        {
            errors["checks"] = ["checks lists monitoring checks such as stationLogo, audio, black."];
        }

        var eventIds = Distinct(definition.EventIds);
        if (eventIds.Count > WebhookLimits.MaxEventIds || eventIds.Any(id => !ResourceId.IsValid(id)))
        {
            errors["eventIds"] = [$"eventIds lists at most {WebhookLimits.MaxEventIds} event ids ({ResourceId.Pattern})."];
        }

        if (definition.Description is { Length: > WebhookLimits.MaxDescriptionLength })
        {
            errors["description"] = [$"description is at most {WebhookLimits.MaxDescriptionLength} characters."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new Normalized(url!, events, checks, eventIds, definition.Enabled ?? true, definition.Description);
    }

    /// <summary>Whether a webhook wants an incident change; an empty filter wants everything.</summary>
    public static bool Wants(StoredWebhook webhook, IncidentNotice notice) =>
        webhook.Enabled
        && (webhook.Events.Count == 0 || webhook.Events.Contains(notice.Type, StringComparer.Ordinal))
        && (webhook.Checks.Count == 0 || webhook.Checks.Contains(notice.Incident.Check))
        && (webhook.EventIds.Count == 0 || webhook.EventIds.Contains(notice.EventId, StringComparer.Ordinal));

    private static List<string> Distinct(IReadOnlyList<string>? values)
    {
        // Bounded before anything else looks at it: a client may send a huge list.
        var list = values ?? [];
        return list.Count > 1000 ? [.. list.Take(1001)] : [.. list.Distinct(StringComparer.Ordinal)];
    }
}
