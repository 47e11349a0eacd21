namespace Glance.Grains.Interfaces.Gallery;

/// <summary>Where a gallery job is: waiting for a worker slot, being worked on, or done one way or the other.</summary>
public enum GalleryJobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}
