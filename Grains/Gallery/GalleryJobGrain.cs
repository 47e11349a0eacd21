using Glance.Grains.Placement;
using Orleans.Placement;
namespace Glance.Grains.Gallery;

/// <summary>
/// One gallery upload's work, off the request. Submission checks what needs no decoding, stores the images and the job
/// row, arms a wake reminder and starts a worker; the worker runs on the thread pool (the grain stays free to answer
/// polls), waits for a slot of the silo's <see cref="GalleryJobGate"/>, does the work through <see cref="GalleryWork"/>
/// and reports back through this grain's own interface, where the status is written. A worker left behind by a stopped
/// silo is cancelled with its activation; the job row still says queued or running, so the next activation (the wake
/// reminder's, or a poll's) starts the work again. Placed on the silo that takes the upload when that silo does gallery
/// work (Silo:Workloads), else on one that does: training then never competes with live segment analysis for cores.
/// </summary>
[GrainType("gallery-job")]
[PreferLocalPlacement]
[WorkloadPlacement(SiloWorkloads.Gallery)]
public sealed partial class GalleryJobGrain(
    [PersistentState("gallery-job")] IPersistentState<GalleryJobState> job,
    GalleryUploadStore uploads,
    GalleryWork work,
    GalleryJobGate gate,
    IOptions<GalleryOptions> options,
    TimeProvider clock,
    ILogger<GalleryJobGrain> logger) : Grain, IGalleryJobGrain, IRemindable
{
    private const string WakeReminder = "gallery-job";

    private readonly CancellationTokenSource deactivating = new();

    /// <summary>The current worker's id: reports from an earlier worker (one the silo abandoned) are ignored.</summary>
    private Guid run;

    private bool working;

    private GalleryJobState State => job.State;

    private (string TenantId, string JobId) Key => ResourceId.Unscope(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (job.RecordExists && !State.Finished())
        {
            StartWorker();
        }
        else if (job.RecordExists && KeptLongEnough())
        {
            await job.ClearStateAsync(cancellationToken); // kept long enough; its reminder may be gone (rows from before retention)
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Not disposed: a worker may still be linking to the token as it winds down.
        deactivating.Cancel();
        return Task.CompletedTask;
    }

    public async Task<GalleryJobView> SubmitAsync(GalleryUpload upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        GalleryUploadRules.Check(upload, options.Value);
        var hash = Convert.ToHexStringLower(upload.ContentHash());
        if (job.RecordExists)
        {
            if (State.ContentHash != hash || State.Kind != upload.Kind || State.ItemId != upload.ItemId)
            {
                throw new ResourceConflictException($"Job '{Key.JobId}' was made by a different upload; send a new Idempotency-Key with a changed upload.");
            }

            if (!await RunsAgainAsync(cancellationToken))
            {
                return View();
            }
        }

        await uploads.SaveAsync(Key.TenantId, Key.JobId, [.. upload.Images.Select(i => i.Content)], cancellationToken);
        var now = clock.GetUtcNow();
        var runs = State.Runs;
        job.State = new GalleryJobState
        {
            Kind = upload.Kind,
            ItemId = upload.ItemId,
            Name = upload.Name,
            WidthOnAir = upload.WidthOnAir,
            Fields = [.. upload.Images.Select(i => i.Field)],
            Labels = [.. upload.Labels],
            Lengths = [.. upload.Images.Select(i => i.Content.Length)],
            ContentHash = hash,
            Status = GalleryJobStatus.Queued,
            CreatedAt = now,
            Runs = runs,
        };
        await job.WriteStateAsync(cancellationToken);
        var period = options.Value.JobWakePeriod;
        await this.RegisterOrUpdateReminder(WakeReminder, period, period);
        LogQueued(logger, Key.TenantId, Key.JobId, upload.Kind, upload.ItemId, upload.Images.Count);
        StartWorker();
        return View();
    }

    public Task<GalleryJobView?> GetAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(job.RecordExists ? View() : null);

    public async Task StartedAsync(Guid run, CancellationToken cancellationToken = default)
    {
        if (run != this.run || State.Finished())
        {
            return;
        }

        State.Status = GalleryJobStatus.Running;
        State.StartedAt = clock.GetUtcNow();
        State.Runs++;
        await job.WriteStateAsync(cancellationToken);
    }

    public async Task FinishedAsync(Guid run, long itemRevision, GalleryJobProblem? problem, CancellationToken cancellationToken = default)
    {
        if (run != this.run || State.Finished())
        {
            return;
        }

        working = false;
        State.Status = problem is null ? GalleryJobStatus.Succeeded : GalleryJobStatus.Failed;
        State.Problem = problem;
        State.ItemRevision = itemRevision;
        State.FinishedAt = clock.GetUtcNow();
        await job.WriteStateAsync(cancellationToken);
        LogFinished(logger, Key.TenantId, Key.JobId, State.Status, problem?.Detail);
        await uploads.DeleteAsync(Key.TenantId, Key.JobId, cancellationToken);
        // From now on the reminder only comes back to delete the row once it is kept long enough.
        var tick = RetentionTick(options.Value.JobRetention);
        await this.RegisterOrUpdateReminder(WakeReminder, tick, tick);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (job.RecordExists && !State.Finished())
        {
            StartWorker();
            return;
        }

        if (job.RecordExists)
        {
            if (!KeptLongEnough())
            {
                return;
            }

            LogExpired(logger, Key.TenantId, Key.JobId, State.Status);
            await job.ClearStateAsync();
        }

        if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        DeactivateOnIdle();
    }

    /// <summary>A finished job's row has been kept for <see cref="GalleryOptions.JobRetention"/>.</summary>
    private bool KeptLongEnough() => State.FinishedAt is { } finished && clock.GetUtcNow() - finished >= options.Value.JobRetention;

    /// <summary>A reminder period that reaches the end of a retention, however long, within a day of it.</summary>
    private static TimeSpan RetentionTick(TimeSpan retention) => retention < TimeSpan.FromDays(1) ? retention : TimeSpan.FromDays(1);

    /// <summary>A submission of a finished job's upload runs it again when it failed, or when the item changed since it succeeded.</summary>
    private async Task<bool> RunsAgainAsync(CancellationToken cancellationToken)
    {
        if (!State.Finished())
        {
            return false;
        }

        if (State.Status == GalleryJobStatus.Failed)
        {
            return true;
        }

        return await work.RevisionAsync(Key.TenantId, State.Kind, State.ItemId, cancellationToken) != State.ItemRevision;
    }

    private void StartWorker()
    {
        if (working)
        {
            return;
        }

        working = true;
        run = Guid.NewGuid();
        var settings = options.Value;
        // The worker does not run in this activation: keep it alive while the work may take.
        this.DelayDeactivation(settings.JobTimeout + TimeSpan.FromMinutes(1));
        var ticket = new Ticket(this.AsReference<IGalleryJobGrain>(), run, Key.TenantId, Key.JobId, State, settings.JobTimeout);
        var stopping = deactivating.Token;
        _ = Task.Run(() => WorkAsync(ticket, stopping), CancellationToken.None);
    }

    /// <summary>Runs on the thread pool: touches no grain state, only the services and the job's own interface.</summary>
    private async Task WorkAsync(Ticket ticket, CancellationToken stopping)
    {
        GalleryJobProblem? problem = null;
        long revision = 0;
        try
        {
            using var slot = await gate.EnterAsync(stopping);
            await ticket.Job.StartedAsync(ticket.Run, stopping);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeout.CancelAfter(ticket.Timeout);
            try
            {
                var images = await uploads.LoadAsync(ticket.TenantId, ticket.JobId, ticket.State.Lengths, timeout.Token);
                revision = await work.ApplyAsync(ticket.TenantId, ticket.State.ToUpload(images), ticket.State.CreatedAt, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stopping.IsCancellationRequested)
            {
                problem = new GalleryJobProblem(500, "Timed out", $"The work took longer than {ticket.Timeout} (Gallery:JobTimeout); try fewer or smaller images.");
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return; // the silo let the activation go: the next one starts the work again
        }
        catch (ValidationFailedException e)
        {
            problem = new GalleryJobProblem(400, "Unusable upload", e.Message, e.Errors);
        }
        catch (ResourceConflictException e)
        {
            problem = new GalleryJobProblem(409, "Conflict", e.Message);
        }
        catch (Exception e)
        {
            LogWorkFailed(logger, e, ticket.TenantId, ticket.JobId);
            problem = new GalleryJobProblem(500, "Internal error", "The work failed unexpectedly. The log has details under the job id.");
        }

        try
        {
            await ticket.Job.FinishedAsync(ticket.Run, revision, problem, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The job row still says running: the wake reminder starts the work again.
            LogReportFailed(logger, e, ticket.TenantId, ticket.JobId);
        }
    }

    private GalleryJobView View() =>
        new(Key.JobId, State.Kind, State.ItemId, State.Status, State.CreatedAt, State.StartedAt, State.FinishedAt, State.Problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gallery job {TenantId}/{JobId} queued: {Kind} '{ItemId}' from {Images} image(s)")]
    private static partial void LogQueued(ILogger logger, string tenantId, string jobId, GalleryKind kind, string itemId, int images);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gallery job {TenantId}/{JobId} {Status}: {Problem}")]
    private static partial void LogFinished(ILogger logger, string tenantId, string jobId, GalleryJobStatus status, string? problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gallery job {TenantId}/{JobId} ({Status}) was kept for Gallery:JobRetention and is deleted")]
    private static partial void LogExpired(ILogger logger, string tenantId, string jobId, GalleryJobStatus status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gallery job {TenantId}/{JobId} failed unexpectedly")]
    private static partial void LogWorkFailed(ILogger logger, Exception exception, string tenantId, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gallery job {TenantId}/{JobId} could not record its outcome; it runs again")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string tenantId, string jobId);

    /// <summary>
    /// What a worker needs, taken before it leaves the grain's turn. <see cref="State"/> is the job's state object itself,
    /// not a copy: safe because the fields the work reads are never edited (a resubmission replaces the whole object).
    /// </summary>
    private sealed record Ticket(IGalleryJobGrain Job, Guid Run, string TenantId, string JobId, GalleryJobState State, TimeSpan Timeout);
}
