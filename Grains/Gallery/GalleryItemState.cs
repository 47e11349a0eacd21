namespace Glance.Grains.Gallery;

/// <summary>What every gallery item stores besides its own data.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public abstract class GalleryItemState
{
    public string Name { get; set; } = string.Empty;

    /// <summary>Grows by one with every write.</summary>
    public long Revision { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the upload the item's data came from was submitted (default for data not made by a gallery job).</summary>
    public DateTimeOffset DataUploadedAt { get; set; }
}
