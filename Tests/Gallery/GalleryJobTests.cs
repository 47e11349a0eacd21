using Glance.Grains.Gallery;
using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Gallery;
using Glance.Storage;
using Glance.Storage.Sqlite;
using Glance.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Glance.Tests.Gallery.GalleryTestMedia;

namespace Glance.Tests.Gallery;

/// <summary>Gallery work as jobs: idempotent per upload, bounded per silo, durable across a restart.</summary>
public sealed class GalleryJobTests
{
    private const string Tenant = "tenant-a";

    [Fact]
    public async Task A_job_queued_when_the_silo_stops_finishes_after_a_restart_and_the_logo_reaches_the_detection_context()
    {
        using var folder = new TemporaryDirectory();
        var store = new SqliteStorageOptions { Path = Path.Combine(folder.Path, "glance.db") };
        var upload = await LogoUploadAsync("crest");
        var jobId = upload.JobId(null);
        long versionBefore;
        using (var storage = new SqliteStorageProvider(store))
        {
            await using var first = await StartSiloAsync(storage, store.Path);
            var gate = first.Services.GetRequiredService<GalleryJobGate>();
            // The only slot is taken, so the job can do nothing but wait in line; the slot goes with the silo.
            _ = await gate.EnterAsync(CancellationToken.None);
            versionBefore = await first.Grain<IGalleryGrain>(Tenant).GetVersionAsync();

            var queued = await first.Grain<IGalleryJobGrain>(Key(jobId)).SubmitAsync(upload);

            queued.Status.Should().Be(GalleryJobStatus.Queued);
            await Eventually.TrueAsync(() => gate.Waiting == 1, "the job waits for the slot");
        }

        using var reopened = new SqliteStorageProvider(store);
        await using var second = await StartSiloAsync(reopened, store.Path);
        var gallery = second.Grain<IGalleryGrain>(Tenant);

        // Nobody asks for the job: its wake reminder starts it again on the new silo.
        await Eventually.TrueAsync(async () => await gallery.GetVersionAsync() > versionBefore, "the job's logo reaches the gallery", TimeSpan.FromSeconds(60));
        var logo = (await gallery.GetSnapshotAsync()).Logos.Should().ContainSingle().Which;
        logo.Id.Should().Be("crest");
        logo.Template.Width.Should().Be(150);

        // The work writes the logo, then reports to its job: the job says so a call later.
        var jobGrain = second.Grain<IGalleryJobGrain>(Key(jobId));
        await Eventually.TrueAsync(async () => (await jobGrain.GetAsync())?.Status == GalleryJobStatus.Succeeded, "the job records its success", TimeSpan.FromSeconds(30));
        var job = await jobGrain.GetAsync();
        job.Should().BeEquivalentTo(new { Status = GalleryJobStatus.Succeeded, Kind = GalleryKind.Logo, ItemId = "crest", Problem = (GalleryJobProblem?)null });
        job!.StartedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task A_job_whose_work_fails_keeps_its_problem_detail_across_a_restart()
    {
        using var folder = new TemporaryDirectory();
        var store = new SqliteStorageOptions { Path = Path.Combine(folder.Path, "glance.db") };
        var flat = new GalleryUpload(GalleryKind.Logo, "flat", "Flat", [new ImageUpload("image", await PngAsync("color=c=gray:s=100x50"))], []);
        var key = Key(flat.JobId(null));
        using (var storage = new SqliteStorageProvider(store))
        {
            await using var first = await StartSiloAsync(storage, store.Path);
            await first.Grain<IGalleryJobGrain>(key).SubmitAsync(flat);
            await Eventually.TrueAsync(async () => (await first.Grain<IGalleryJobGrain>(key).GetAsync())!.Status == GalleryJobStatus.Failed, "the work fails", TimeSpan.FromSeconds(60));
        }

        using var reopened = new SqliteStorageProvider(store);
        await using var second = await StartSiloAsync(reopened, store.Path);

        var job = (await second.Grain<IGalleryJobGrain>(key).GetAsync())!;
        job.Status.Should().Be(GalleryJobStatus.Failed);
        job.Problem.Should().BeEquivalentTo(new { Status = 400, Title = "Unusable upload" });
        job.Problem!.Errors!["image"].Should().ContainSingle().Which.Should().StartWith("Not a usable logo");
        (await second.Grain<IGalleryGrain>(Tenant).GetSnapshotAsync()).Logos.Should().BeEmpty();
    }

    [Fact]
    public async Task No_more_jobs_work_at_once_than_a_silo_allows()
    {
        await using var silo = await TestSilo.StartAsync(settings: new Dictionary<string, string?> { ["Gallery:MaxConcurrentJobsPerSilo"] = "1" });
        var gate = silo.Services.GetRequiredService<GalleryJobGate>();
        var uploads = await Task.WhenAll(new[] { "a", "b", "c" }.Select(LogoUploadAsync));
        var held = await gate.EnterAsync(CancellationToken.None);

        var jobs = uploads.Select(u => silo.Grain<IGalleryJobGrain>(Key(u.JobId(null)))).ToList();
        await Task.WhenAll(jobs.Select((job, i) => job.SubmitAsync(uploads[i])));
        await Eventually.TrueAsync(() => gate.Waiting == 3, "all three jobs wait for the one slot");
        (await Task.WhenAll(jobs.Select(j => j.GetAsync()))).Should().OnlyContain(j => j!.Status == GalleryJobStatus.Queued);
        held.Dispose();
        await Eventually.TrueAsync(
            async () => (await Task.WhenAll(jobs.Select(j => j.GetAsync()))).All(j => j!.Status == GalleryJobStatus.Succeeded),
            "the jobs take the slot in turn and succeed",
            TimeSpan.FromSeconds(60));

        gate.Peak.Should().Be(1, "the slot was never shared");
        gate.Running.Should().Be(0);
        (await silo.Grain<IGalleryGrain>(Tenant).GetSnapshotAsync()).Logos.Select(l => l.Id).Should().Equal("a", "b", "c");
    }

    [Fact]
    public async Task The_same_upload_sent_again_is_the_same_job_and_runs_once()
    {
        await using var silo = await TestSilo.StartAsync();
        var upload = await LogoUploadAsync("crest");
        var job = silo.Grain<IGalleryJobGrain>(Key(upload.JobId(null)));

        var first = await job.SubmitAsync(upload);
        var retried = await job.SubmitAsync(upload);
        await Eventually.TrueAsync(async () => (await job.GetAsync())!.Status == GalleryJobStatus.Succeeded, "the job succeeds", TimeSpan.FromSeconds(60));
        var afterSuccess = await job.SubmitAsync(upload);

        retried.JobId.Should().Be(first.JobId);
        afterSuccess.Status.Should().Be(GalleryJobStatus.Succeeded, "a finished job is answered, not run again");
        afterSuccess.FinishedAt.Should().Be((await job.GetAsync())!.FinishedAt);
        var entry = (await silo.Grain<IGalleryGrain>(Tenant).ListAsync(GalleryKind.Logo, null, 10)).Should().ContainSingle().Which;
        entry.Revision.Should().Be(1, "the logo was written once");
        upload.JobId(null).Should().Be((upload with { Images = [.. upload.Images] }).JobId(null), "the job id follows the content");
        upload.JobId("key-1").Should().NotBe(upload.JobId(null));
    }

    [Fact]
    public async Task Another_upload_under_a_used_idempotency_key_is_a_conflict_and_checks_that_need_no_decoding_come_first()
    {
        await using var silo = await TestSilo.StartAsync();
        var upload = await LogoUploadAsync("crest");
        var job = silo.Grain<IGalleryJobGrain>(Key(upload.JobId("key-1")));
        await job.SubmitAsync(upload);

        var changed = () => job.SubmitAsync(upload with { Name = "Another crest" });
        var notAnImage = () => silo.Grain<IGalleryJobGrain>(Key("other")).SubmitAsync(upload with { Images = [new ImageUpload("image", "GIF89a? no"u8.ToArray())] });

        (await changed.Should().ThrowAsync<ResourceConflictException>()).Which.Message.Should().Contain("different upload");
        (await notAnImage.Should().ThrowAsync<ValidationFailedException>()).Which.Errors["image"].Should().ContainSingle().Which.Should().StartWith("Not a usable image");
        (await silo.Grain<IGalleryJobGrain>(Key("other")).GetAsync()).Should().BeNull("nothing is stored for a refused upload");
    }

    [Fact]
    public async Task A_finished_job_is_kept_for_its_retention_and_then_deleted_so_its_key_starts_a_new_job()
    {
        await using var silo = await TestSilo.StartAsync(settings: new Dictionary<string, string?> { ["Gallery:JobRetention"] = "00:00:02" });
        var upload = await LogoUploadAsync("crest");
        var job = silo.Grain<IGalleryJobGrain>(Key(upload.JobId("key-1")));
        await job.SubmitAsync(upload);
        await Eventually.TrueAsync(async () => (await job.GetAsync())?.Status == GalleryJobStatus.Succeeded, "the job finishes", TimeSpan.FromSeconds(60));

        await Eventually.TrueAsync(async () => await job.GetAsync() is null, "the row is deleted after its retention", TimeSpan.FromSeconds(60));

        (await job.SubmitAsync(upload)).Status.Should().Be(GalleryJobStatus.Queued, "the same key now starts a new job");
        await Eventually.TrueAsync(async () => (await job.GetAsync())?.Status == GalleryJobStatus.Succeeded, "the new job finishes", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Work_from_an_older_upload_that_ends_after_a_newer_ones_is_refused_and_the_newer_data_stays()
    {
        await using var silo = await TestSilo.StartAsync();
        var work = silo.Services.GetRequiredService<GalleryWork>();
        var submitted = DateTimeOffset.UtcNow;
        var older = (await LogoUploadAsync("crest")) with { WidthOnAir = 100 };
        var newer = older with { WidthOnAir = 150 };
        await work.ApplyAsync(Tenant, newer, submitted.AddSeconds(1), CancellationToken.None);

        var lateOlder = () => work.ApplyAsync(Tenant, older, submitted, CancellationToken.None);

        (await lateOlder.Should().ThrowAsync<ResourceConflictException>()).Which.Message.Should().Contain("the later upload wins");
        (await Logo(silo)).Template.Width.Should().Be(150, "the newer upload's logo stays");

        await silo.Grain<ILogoGrain>(ResourceId.Scoped(Tenant, "crest")).PutAsync(new LogoDefinition("Renamed", null));
        await work.ApplyAsync(Tenant, older, submitted.AddSeconds(2), CancellationToken.None);
        var logo = await Logo(silo);
        logo.Template.Width.Should().Be(100, "an upload submitted after the one the item holds applies, a rename between them notwithstanding");
    }

    private static async Task<GalleryLogo> Logo(TestSilo silo) =>
        (await silo.Grain<IGalleryGrain>(Tenant).GetSnapshotAsync()).Logos.Should().ContainSingle().Which;

    private static Task<TestSilo> StartSiloAsync(IStorageProvider storage, string database) =>
        TestSilo.StartAsync(
            storage,
            new Dictionary<string, string?> { ["Gallery:MaxConcurrentJobsPerSilo"] = "1", ["Gallery:JobWakePeriod"] = "00:00:01" },
            reminderDatabase: database);

    private static async Task<GalleryUpload> LogoUploadAsync(string id) =>
        new(GalleryKind.Logo, id, $"Logo {id}", [new ImageUpload("image", await LogoPngAsync())], []);

    private static string Key(string jobId) => ResourceId.Scoped(Tenant, jobId);
}
