namespace Glance.Grains.Gallery;

/// <summary>A gallery job's row: what the upload asked for (its images are in <see cref="GalleryUploadStore"/>) and where the job is.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
public sealed class GalleryJobState
{
    public GalleryKind Kind { get; set; }

    public string ItemId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public int? WidthOnAir { get; set; }

    /// <summary>Each image's request field, label (classifiers) and length, in upload order.</summary>
    public List<string> Fields { get; set; } = [];

    public List<string> Labels { get; set; } = [];

    public List<int> Lengths { get; set; } = [];

    /// <summary>SHA-256 of the upload, hex: tells a retry of the same upload from another upload under the same Idempotency-Key.</summary>
    public string ContentHash { get; set; } = string.Empty;

    public GalleryJobStatus Status { get; set; }

    public GalleryJobProblem? Problem { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The item's revision the job's write left; a later write to the item makes a re-submission run again.</summary>
    public long ItemRevision { get; set; }

    /// <summary>How many times the work was started (a restart mid-work starts it again).</summary>
    public int Runs { get; set; }

    public bool Finished() => Status is GalleryJobStatus.Succeeded or GalleryJobStatus.Failed;

    public GalleryUpload ToUpload(IReadOnlyList<ReadOnlyMemory<byte>> images) =>
        new(Kind, ItemId, Name, [.. images.Select((content, i) => new ImageUpload(Fields[i], content))], Labels, WidthOnAir);
}
