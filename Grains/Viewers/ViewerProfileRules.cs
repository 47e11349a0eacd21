using System.Text.RegularExpressions;
using Glance.Grains.Interfaces.Viewers;

namespace Glance.Grains.Viewers;

/// <summary>Checks and normalizes a viewer profile; pure, so that every bad field is named in one answer.</summary>
public static partial class ViewerProfileRules
{
    /// <summary>The age ranges instruments can target; a closed set, so that targeting and reporting agree.</summary>
    public static readonly IReadOnlyList<string> AgeRanges = ["13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"];

    public const int MaxLanguages = 8;
    public const int MaxInterests = 50;
    public const int MaxSegments = 50;
    public const int MaxTextLength = 64;

    public static ViewerProfile Normalize(ViewerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var errors = new Dictionary<string, string[]>();
        var ageRange = Trimmed(profile.AgeRange);
        if (ageRange is not null && !AgeRanges.Contains(ageRange, StringComparer.Ordinal))
        {
            errors["ageRange"] = [$"The age range is one of {string.Join(", ", AgeRanges)}."];
        }

        var gender = Trimmed(profile.Gender);
        if (gender is not null && (gender.Length > 32 || gender.Any(char.IsControl)))
        {
            errors["gender"] = ["The gender is at most 32 characters, without control characters."];
        }

        var country = Trimmed(profile.Country)?.ToUpperInvariant();
        if (country is not null && !CountryRegex().IsMatch(country))
        {
            errors["country"] = ["The country is an ISO 3166-1 alpha-2 code such as GB or PT."];
        }

        var languages = Distinct(profile.Languages);
        if (languages.Count > MaxLanguages || languages.Any(l => !LanguageRegex().IsMatch(l)))
        {
            errors["languages"] = [$"At most {MaxLanguages} BCP 47 language tags such as en or pt-BR."];
        }

        var interests = Distinct(profile.Interests);
        if (interests.Count > MaxInterests || interests.Any(i => i.Length > MaxTextLength || i.Any(char.IsControl)))
        {
            errors["interests"] = [$"At most {MaxInterests} interests of at most {MaxTextLength} characters each."];
        }

        var segments = Distinct(profile.Segments);
        if (segments.Count > MaxSegments || segments.Any(s => !ResourceId.IsValid(s)))
        {
            errors["segments"] = [$"At most {MaxSegments} segment ids ({ResourceId.Pattern})."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new ViewerProfile(ageRange, gender, country, languages, interests, segments, profile.Personalization);
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Trimmed, blanks dropped, first spelling kept for case-insensitive repeats; bounded before any check.</summary>
    private static List<string> Distinct(IReadOnlyList<string>? values) =>
        values is null
            ? []
            : [.. values.Take(1000).Select(Trimmed).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)];

    [GeneratedRegex("^[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex CountryRegex();

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageRegex();
}
