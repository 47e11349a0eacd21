using System.Text.Json.Serialization;

namespace Glance.Grains.Interfaces.Engagement;

/// <summary>How a viewer responded to a served instrument.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EngagementType>))]
public enum EngagementType
{
    [JsonStringEnumMemberName("impression")]
    Impression,

    [JsonStringEnumMemberName("click")]
    Click,

    /// <summary>An answer to a trivia or quiz question; its correctness is worked out from the instrument.</summary>
    [JsonStringEnumMemberName("answer")]
    Answer,

    [JsonStringEnumMemberName("vote")]
    Vote,

    [JsonStringEnumMemberName("dismiss")]
    Dismiss,

    [JsonStringEnumMemberName("purchase")]
    Purchase,
}
