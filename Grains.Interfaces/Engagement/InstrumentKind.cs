using System.Text.Json.Serialization;

namespace Glance.Grains.Interfaces.Engagement;

/// <summary>What an instrument asks of the viewer; each kind carries its own payload.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InstrumentKind>))]
public enum InstrumentKind
{
    [JsonStringEnumMemberName("ad")]
    Ad,

    [JsonStringEnumMemberName("trivia")]
    Trivia,

    [JsonStringEnumMemberName("poll")]
    Poll,

    [JsonStringEnumMemberName("quiz")]
    Quiz,

    [JsonStringEnumMemberName("upsell")]
    Upsell,

    [JsonStringEnumMemberName("crosssell")]
    Crosssell,
}
