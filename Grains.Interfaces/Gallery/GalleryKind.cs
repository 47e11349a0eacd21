namespace Glance.Grains.Interfaces.Gallery;

/// <summary>The kinds of item a broadcaster's gallery holds.</summary>
public enum GalleryKind
{
    Person,
    Logo,
    Team,
    Classifier,
}
