namespace Glance.Grains.Interfaces.Gallery;

/// <summary>
/// One gallery upload's work (key: "tenant/jobId", the id from <see cref="GalleryUpload.JobId"/>): describing faces,
/// preparing a logo or training a classifier, off the request that brought the upload. The upload and the job's status
/// are durable: a job queued or running when its silo stops carries on after a restart (woken by a reminder, or by the
/// next poll). At most Gallery:MaxConcurrentJobsPerSilo jobs do their work at once per silo. When the work succeeds the
/// item is written, which moves the tenant's gallery version, so segment analysis picks the item up.
/// </summary>
public interface IGalleryJobGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the upload and queues its work, after the checks that need no image decoding (name, image formats and
    /// sizes). Submitting again is idempotent: the same job is answered, and its work is not run again while it is
    /// queued, running, or succeeded with the item unchanged since. A failed job, or one whose item changed since it
    /// succeeded, runs again.
    /// </summary>
    /// <exception cref="Common.ValidationFailedException">The upload breaks a rule that needs no decoding.</exception>
    /// <exception cref="Common.ResourceConflictException">The job id (an Idempotency-Key) was used for a different upload.</exception>
    Task<GalleryJobView> SubmitAsync(GalleryUpload upload, CancellationToken cancellationToken = default);

    /// <returns>The job, or null when no upload was submitted under this id.</returns>
    [AlwaysInterleave]
    Task<GalleryJobView?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Called by the job's own worker when it got a slot and starts the work.</summary>
    Task StartedAsync(Guid run, CancellationToken cancellationToken = default);

    /// <summary>Called by the job's own worker when the work is done; <paramref name="problem"/> is null when it succeeded.</summary>
    Task FinishedAsync(Guid run, long itemRevision, GalleryJobProblem? problem, CancellationToken cancellationToken = default);
}
