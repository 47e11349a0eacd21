using System.Text.RegularExpressions;
using Glance.Grains.Viewers;

namespace Glance.Grains.Engagement;

/// <summary>Checks and normalizes an instrument; pure, so that every bad field is named in one answer.</summary>
public static partial class InstrumentRules
{
    /// <summary>Paths below the catalog that are not instruments: an instrument cannot take these ids.</summary>
    public static readonly IReadOnlyList<string> ReservedIds = ["next", "next.vast"];

    /// <summary>The sighting kinds of the timeline that targeting can name.</summary>
    public static readonly IReadOnlyList<string> EntityKinds = ["person", "face", "label", "text", "logo", "team", "sport"];

    public const int MaxNameLength = 100;
    public const int MaxQuestionLength = 500;
    public const int MaxChoiceLength = 200;
    public const int MinChoices = 2;
    public const int MaxChoices = 10;
    public const int MaxUrlLength = 2048;
    public const int MaxTargetingValues = 50;
    public const int MaxEntityLength = 100;
    public const double MaxAdSeconds = 300;
    public const int MaxPriority = 1000;
    public const int MaxPerViewerCap = 1000;
    public const double MaxSpacingSeconds = 7 * 24 * 3600;
    public const decimal MaxAmount = 1_000_000_000m;

    public static InstrumentDefinition Normalize(InstrumentDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new Dictionary<string, string[]>();
        var name = definition.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            errors["name"] = [$"The name is 1 to {MaxNameLength} characters, without control characters."];
        }

        if (!Enum.IsDefined(definition.Kind))
        {
            errors["kind"] = ["The kind is one of ad, trivia, poll, quiz, upsell, crosssell."];
        }

        var expected = PayloadOf(definition.Kind);
        foreach (var (field, given) in new[] { ("ad", definition.Ad is not null), ("question", definition.Question is not null), ("poll", definition.Poll is not null), ("offer", definition.Offer is not null) })
        {
            if (field == expected && !given)
            {
                errors[field] = [$"A {Name(definition.Kind)} instrument needs its {field} payload."];
            }
            else if (field != expected && given)
            {
                errors[field] = [$"A {Name(definition.Kind)} instrument takes a {expected} payload, not {field}."];
            }
        }

        var ad = definition.Ad is { } a ? Ad(a, errors) : null;
        var question = definition.Question is { } q ? Question(q, errors) : null;
        var poll = definition.Poll is { } p ? Poll(p, errors) : null;
        var offer = definition.Offer is { } o ? Offer(o, errors) : null;
        var targeting = Targeting(definition.Targeting ?? InstrumentTargeting.None, errors);
        var validity = definition.Validity ?? InstrumentValidity.Always;
        if (validity.FromPosition is { } from && validity.ToPosition is { } to && !(to >= from))
        {
            errors["validity.toPosition"] = ["toPosition is at or after fromPosition."];
        }

        if (validity.FromPosition is { } f && !double.IsFinite(f) || validity.ToPosition is { } t && !double.IsFinite(t))
        {
            errors["validity.fromPosition"] = ["Positions are finite numbers of seconds since the event start."];
        }

        if (validity.NotBefore is { } notBefore && validity.NotAfter is { } notAfter && notAfter < notBefore)
        {
            errors["validity.notAfter"] = ["notAfter is at or after notBefore."];
        }

        if (definition.MaxPerViewer is { } cap && cap is < 1 or > MaxPerViewerCap)
        {
            errors["maxPerViewer"] = [$"The cap is 1 to {MaxPerViewerCap} servings per viewer, or left out for none."];
        }

        if (definition.MinSpacingSeconds is { } spacing && !(spacing >= 0 && spacing <= MaxSpacingSeconds))
        {
            errors["minSpacingSeconds"] = [$"The spacing is 0 to {MaxSpacingSeconds:0} seconds."];
        }

        if (definition.Priority is < 0 or > MaxPriority)
        {
            errors["priority"] = [$"The priority is 0 to {MaxPriority}."];
        }

        if (definition.Bid < 0 || definition.Bid > MaxAmount)
        {
            errors["bid"] = [$"The bid is 0 to {MaxAmount:0}."];
        }

        return errors.Count > 0
            ? throw new ValidationFailedException(errors)
            : definition with { Name = name!, Ad = ad, Question = question, Poll = poll, Offer = offer, Targeting = targeting, Validity = validity };
    }

    /// <summary>The id rule of the public API, less the ids the catalog's own paths use.</summary>
    public static void RequireId(string instrumentId)
    {
        if (ReservedIds.Contains(instrumentId, StringComparer.OrdinalIgnoreCase))
        {
            throw new ValidationFailedException("instrumentId", $"'{instrumentId}' names the decision endpoint and cannot be an instrument id.");
        }
    }

    public static string Name(InstrumentKind kind) => kind.ToString().ToLowerInvariant();

    private static string PayloadOf(InstrumentKind kind) => kind switch
    {
        InstrumentKind.Ad => "ad",
        InstrumentKind.Trivia or InstrumentKind.Quiz => "question",
        InstrumentKind.Poll => "poll",
        _ => "offer",
    };

    private static AdPayload Ad(AdPayload ad, Dictionary<string, string[]> errors)
    {
        Url(ad.CreativeUrl, "ad.creativeUrl", errors);
        Url(ad.ClickThroughUrl, "ad.clickThroughUrl", errors);
        if (!(ad.DurationSeconds > 0 && ad.DurationSeconds <= MaxAdSeconds))
        {
            errors["ad.durationSeconds"] = [$"The duration is more than 0 and at most {MaxAdSeconds:0} seconds."];
        }

        var advertiser = Text(ad.Advertiser, "ad.advertiser", MaxNameLength, errors);
        var mime = ad.MimeType?.Trim() ?? "video/mp4";
        if (!MimeRegex().IsMatch(mime))
        {
            errors["ad.mimeType"] = ["The media type is a type/subtype such as video/mp4."];
        }

        if (ad.Width is < 1 or > 8192 || ad.Height is < 1 or > 8192)
        {
            errors["ad.width"] = ["Width and height are 1 to 8192 pixels."];
        }

        return ad with { Advertiser = advertiser, MimeType = mime, Width = ad.Width ?? 1280, Height = ad.Height ?? 720 };
    }

    private static QuestionPayload Question(QuestionPayload question, Dictionary<string, string[]> errors)
    {
        var text = Text(question.Question, "question.question", MaxQuestionLength, errors);
        var choices = Choices(question.Choices, "question.choices", errors);
        if (question.Answer < 0 || question.Answer >= choices.Count)
        {
            errors["question.answer"] = ["The answer is the index (from 0) of the right choice."];
        }

        return new QuestionPayload(text, choices, question.Answer);
    }

    private static PollPayload Poll(PollPayload poll, Dictionary<string, string[]> errors) =>
        new(Text(poll.Question, "poll.question", MaxQuestionLength, errors), Choices(poll.Options, "poll.options", errors));

    private static OfferPayload Offer(OfferPayload offer, Dictionary<string, string[]> errors)
    {
        var product = Text(offer.Product, "offer.product", MaxNameLength, errors);
        if (offer.Price < 0 || offer.Price > MaxAmount)
        {
            errors["offer.price"] = [$"The price is 0 to {MaxAmount:0}."];
        }

        var currency = offer.Currency?.Trim().ToUpperInvariant() ?? string.Empty;
        if (!CurrencyRegex().IsMatch(currency))
        {
            errors["offer.currency"] = ["The currency is an ISO 4217 code such as EUR."];
        }

        Url(offer.Url, "offer.url", errors);
        return offer with { Product = product, Currency = currency };
    }

    private static InstrumentTargeting Targeting(InstrumentTargeting targeting, Dictionary<string, string[]> errors)
    {
        var entities = Distinct(targeting.Entities);
        var normalized = new List<string>(entities.Count);
        foreach (var entity in entities)
        {
            var colon = entity.IndexOf(':', StringComparison.Ordinal);
            var kind = colon > 0 ? entity[..colon].Trim().ToLowerInvariant() : string.Empty;
            var value = colon > 0 ? entity[(colon + 1)..].Trim() : string.Empty;
            if (!EntityKinds.Contains(kind) || value.Length == 0 || entity.Length > MaxEntityLength || value.Any(char.IsControl))
            {
                errors["targeting.entities"] = [$"Entities are kind:value (kind one of {string.Join(", ", EntityKinds)}; at most {MaxEntityLength} characters), e.g. person:messi or label:sports ball."];
                break;
            }

            normalized.Add($"{kind}:{value}");
        }

        if (entities.Count > MaxTargetingValues)
        {
            errors["targeting.entities"] = [$"At most {MaxTargetingValues} entities."];
        }

        var segments = Distinct(targeting.Segments);
        if (segments.Count > MaxTargetingValues || segments.Any(s => !ResourceId.IsValid(s)))
        {
            errors["targeting.segments"] = [$"At most {MaxTargetingValues} segment ids ({ResourceId.Pattern})."];
        }

        var countries = Distinct(targeting.Countries).Select(c => c.ToUpperInvariant()).ToList();
        if (countries.Count > MaxTargetingValues || countries.Any(c => !CountryRegex().IsMatch(c)))
        {
            errors["targeting.countries"] = [$"At most {MaxTargetingValues} ISO 3166-1 alpha-2 codes such as PT."];
        }

        var ageRanges = Distinct(targeting.AgeRanges);
        if (ageRanges.Any(r => !ViewerProfileRules.AgeRanges.Contains(r, StringComparer.Ordinal)))
        {
            errors["targeting.ageRanges"] = [$"Age ranges are among {string.Join(", ", ViewerProfileRules.AgeRanges)}."];
        }

        return new InstrumentTargeting(normalized.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), segments, countries, ageRanges);
    }

    private static List<string> Choices(IReadOnlyList<string>? values, string field, Dictionary<string, string[]> errors)
    {
        var choices = (values ?? []).Take(MaxChoices + 1).Select(c => c?.Trim() ?? string.Empty).ToList();
        if (choices.Count is < MinChoices or > MaxChoices || choices.Any(c => c.Length == 0 || c.Length > MaxChoiceLength || c.Any(char.IsControl)))
        {
            errors[field] = [$"{MinChoices} to {MaxChoices} non-empty entries of at most {MaxChoiceLength} characters each."];
        }

        return choices;
    }

    private static string Text(string? value, string field, int maxLength, Dictionary<string, string[]> errors)
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length == 0 || text.Length > maxLength || text.Any(char.IsControl))
        {
            errors[field] = [$"1 to {maxLength} characters, without control characters."];
        }

        return text;
    }

    private static void Url(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is null || value.Length > MaxUrlLength || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors[field] = [$"An absolute http(s) URL of at most {MaxUrlLength} characters."];
        }
    }

    /// <summary>Trimmed, blanks dropped, case-insensitive repeats dropped; bounded before any check.</summary>
    private static List<string> Distinct(IReadOnlyList<string>? values) =>
        values is null
            ? []
            : [.. values.Take(MaxTargetingValues * 4).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];

    [GeneratedRegex("^[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex CountryRegex();

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyRegex();

    [GeneratedRegex("^[a-z0-9.+-]{1,40}/[a-z0-9.+-]{1,80}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MimeRegex();
}
