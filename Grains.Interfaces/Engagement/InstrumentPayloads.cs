namespace Glance.Grains.Interfaces.Engagement;

/// <summary>An ad's creative: a video file an ad player plays, and where a click takes the viewer.</summary>
/// <param name="MimeType">The creative's media type (video/mp4 by default), as the VAST MediaFile declares it.</param>
[GenerateSerializer, Immutable]
public sealed record AdPayload(
    string CreativeUrl,
    string ClickThroughUrl,
    double DurationSeconds,
    string Advertiser,
    string? MimeType = null,
    int? Width = null,
    int? Height = null);

/// <summary>A trivia or quiz question; <paramref name="Answer"/> (the index of the right choice) is never shown to viewers.</summary>
[GenerateSerializer, Immutable]
public sealed record QuestionPayload(string Question, IReadOnlyList<string> Choices, int Answer);

/// <summary>A poll: viewers vote for one option.</summary>
[GenerateSerializer, Immutable]
public sealed record PollPayload(string Question, IReadOnlyList<string> Options);

/// <summary>An upsell or cross-sell offer.</summary>
/// <param name="Currency">ISO 4217, e.g. EUR.</param>
[GenerateSerializer, Immutable]
public sealed record OfferPayload(string Product, decimal Price, string Currency, string Url);
