namespace Glance.Detection;

/// <summary>What a detection says is on screen. Serialized in lower case (face, person, label, ...).</summary>
public enum DetectionKind
{
    Face,
    Person,
    Label,
    Text,
    Logo,
    Team,
    Sport,
    Moderation,
}
