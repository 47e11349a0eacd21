using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Glance.Grains.Interfaces.Engagement;
using Glance.Grains.Interfaces.Timeline;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Glance.Tests.Api;

/// <summary>
/// The decision is written from compile-time metadata (the API's JSON context) rather than reflection; devices must
/// not see a byte of difference, camelCase enums and nulls included.
/// </summary>
public sealed class DecisionJsonTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 4, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Decisions => new() { "question", "ad", "offer" };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void A_decision_is_written_as_the_reflection_based_serializer_writes_it(string kind)
    {
        var options = api.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var reflection = new JsonSerializerOptions(options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        var decision = Decision(kind);

        var written = JsonSerializer.Serialize(decision, options);

        written.Should().Be(JsonSerializer.Serialize(decision, reflection));
        written.Should().Contain(kind == "question" ? "\"kind\":\"trivia\"" : kind == "ad" ? "\"kind\":\"ad\"" : "\"kind\":\"upsell\"");
    }

    private static InstrumentDecision Decision(string kind)
    {
        var served = kind switch
        {
            "question" => new ServedInstrument("q1", InstrumentKind.Trivia, "Who scored?", null, new ServedQuestion("Who?", ["Messi", "Ronaldo"]), null, null),
            "ad" => new ServedInstrument("a1", InstrumentKind.Ad, "Boots", new AdPayload("https://cdn.example/ad.mp4", "https://shop.example", 15, "Acme", "video/mp4", 1280, 720), null, null, null),
            _ => new ServedInstrument("o1", InstrumentKind.Upsell, "Shirt", null, null, new PollPayload("Which?", ["a", "b"]), new OfferPayload("Shirt", 79.90m, "EUR", "https://shop.example/shirt")),
        };
        return new InstrumentDecision(
            "d-0123456789abcdef01234567",
            "match",
            42.5,
            served,
            [new ContextEntity("person", "messi", "Lionel Messi", 40, 45, 5, 0.93), new ContextEntity("label", null, "sports ball", 41, 41.5, 2, 0.8)],
            "Trivia 'Who scored?' matched person:messi in 32.5-47.5 s; explored uniformly; personalized.",
            true,
            "linucb",
            0.0125,
            8);
    }
}
