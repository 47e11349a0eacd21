using System.Text;
using System.Text.Json;
using Glance.Grains.Interfaces.Webhooks;
using Glance.Media.Webhooks;
using Glance.Storage;
namespace Glance.Grains.Webhooks;

/// <summary>
/// A tenant's webhooks and their deliveries. <see cref="NotifyAsync"/> only builds the payloads and makes them durable
/// in the queue (grain state); a one-shot grain timer, interleaving with calls so that a slow receiver holds up nobody,
/// makes the attempts through <see cref="IWebhookSender"/> (this grain does no HTTP), schedules the next attempt with
/// exponential back-off and jitter, and gives up after Webhooks:MaxAttempts. A reminder, armed while the queue is not
/// empty, wakes the grain after a restart. Every delivery's latest state is in its webhook's log (sorted records).
/// </summary>
[GrainType("webhooks")]
public sealed partial class WebhookGrain(
    [PersistentState("webhooks")] IPersistentState<WebhookState> store,
    IStorageProvider storage,
    IWebhookSender sender,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    WebhookMetrics metrics,
    ILogger<WebhookGrain> logger) : Grain, IWebhookGrain, IRemindable
{
    private const string WakeReminder = "webhook-deliveries";
    private static readonly TimeSpan WakePeriod = TimeSpan.FromMinutes(1);

    private readonly WebhookOptions settings = options.Value;

    /// <summary>The delivery timer's turns interleave with calls: writes of the one state go through this gate.</summary>
    private readonly SemaphoreSlim saving = new(1, 1);

    private IGrainTimer? timer;
    private bool delivering;
    private bool wakeArmed;

    private string TenantId => this.GetPrimaryKeyString();

    private WebhookState State => store.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        wakeArmed = State.Queue.Count > 0;
        ArmTimer();
        return Task.CompletedTask;
    }

    public async Task<WebhookSaved> PutAsync(string webhookId, WebhookDefinition definition, CancellationToken cancellationToken = default)
    {
        RequireId(webhookId);
        var valid = WebhookRules.Validate(definition);
        var now = clock.GetUtcNow();
        string? secret = null;
        var existing = State.Webhooks.GetValueOrDefault(webhookId);
        if (existing is null)
        {
            if (State.Webhooks.Count >= WebhookLimits.MaxWebhooksPerTenant)
            {
                throw new ResourceConflictException($"A tenant has at most {WebhookLimits.MaxWebhooksPerTenant} webhooks; delete one first.");
            }

            secret = WebhookSignature.NewSecret();
        }

        var saved = new StoredWebhook(
            webhookId, valid.Url.AbsoluteUri, valid.Events, valid.Checks, valid.EventIds, valid.Enabled, valid.Description,
            existing?.Secret ?? secret!, existing?.CreatedAt ?? now, now, existing?.SecretCreatedAt ?? now, existing?.LastDeliveryNumber ?? 0);
        State.Webhooks[webhookId] = saved;
        await SaveAsync(cancellationToken);
        LogSaved(logger, TenantId, webhookId, existing is null, valid.Url.Host, valid.Enabled);
        return new WebhookSaved(View(saved), secret, existing is null);
    }

    public Task<WebhookView> GetAsync(string webhookId, CancellationToken cancellationToken = default) =>
        Task.FromResult(View(Find(webhookId)));

    public Task<IReadOnlyList<WebhookView>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<WebhookView>>([.. State.Webhooks.Values.OrderBy(w => w.Id, StringComparer.Ordinal).Select(View)]);

    public async Task DeleteAsync(string webhookId, CancellationToken cancellationToken = default)
    {
        Find(webhookId);
        State.Webhooks.Remove(webhookId);
        var dropped = State.Queue.RemoveAll(d => d.WebhookId == webhookId);
        await SaveAsync(cancellationToken);
        await storage.SortedRecords.DeleteRangeAsync(WebhookKeys.DeliveriesPartition(TenantId, webhookId), SortKeyRange.All, cancellationToken);
        for (var i = 0; i < dropped; i++)
        {
            metrics.Finished("dropped");
        }

        LogDeleted(logger, TenantId, webhookId, dropped);
    }

    public async Task<WebhookSaved> RotateSecretAsync(string webhookId, CancellationToken cancellationToken = default)
    {
        var secret = WebhookSignature.NewSecret();
        var rotated = Find(webhookId) with { Secret = secret, SecretCreatedAt = clock.GetUtcNow() };
        State.Webhooks[webhookId] = rotated;
        await SaveAsync(cancellationToken);
        LogRotated(logger, TenantId, webhookId);
        return new WebhookSaved(View(rotated), secret, Created: false);
    }

    public async Task<IReadOnlyList<WebhookDelivery>> GetDeliveriesAsync(string webhookId, int limit, CancellationToken cancellationToken = default)
    {
        Find(webhookId);
        var page = await storage.SortedRecords.QueryAsync(
            WebhookKeys.DeliveriesPartition(TenantId, webhookId), SortKeyRange.All, Math.Clamp(limit, 1, WebhookLimits.MaxLoggedDeliveries), null, descending: true, cancellationToken);
        return [.. page.Records.Select(r => StoredJson.Deserialize<WebhookDelivery>(r.Data.Span))];
    }

    public async Task NotifyAsync(IncidentNotice notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var now = clock.GetUtcNow();
        var queued = new List<QueuedDelivery>();
        foreach (var webhook in State.Webhooks.Values.Where(w => WebhookRules.Wants(w, notice)).ToList())
        {
            var number = webhook.LastDeliveryNumber + 1;
            State.Webhooks[webhook.Id] = webhook with { LastDeliveryNumber = number };
            var deliveryId = "msg_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
            queued.Add(new QueuedDelivery(
                number, webhook.Id, deliveryId, notice.Type, notice.EventId, notice.Incident.Number, notice.Incident.Check,
                WebhookPayload.Serialize(TenantId, deliveryId, notice), now, Attempts: 0, NextAttemptAt: now));
        }

        if (queued.Count == 0)
        {
            return;
        }

        State.Queue.AddRange(queued);
        var overflow = State.Queue.Count - settings.MaxQueuedDeliveries;
        var dropped = overflow > 0 ? State.Queue.GetRange(0, overflow) : [];
        State.Queue.RemoveRange(0, Math.Max(0, overflow));
        await SaveAsync(cancellationToken);
        await LogAsync([.. queued.Select(d => Line(d, DeliveryStatus.Pending)), .. dropped.Select(d => Line(d with { LastError = "dropped: the tenant's delivery queue was full" }, DeliveryStatus.Failed))], cancellationToken);
        foreach (var drop in dropped)
        {
            metrics.Finished("dropped");
            LogDropped(logger, TenantId, drop.WebhookId, drop.DeliveryId, "the delivery queue was full");
        }

        foreach (var delivery in queued)
        {
            LogQueued(logger, TenantId, delivery.WebhookId, delivery.DeliveryId, delivery.Type, delivery.EventId, delivery.IncidentNumber);
        }

        if (!wakeArmed)
        {
            await this.RegisterOrUpdateReminder(WakeReminder, WakePeriod, WakePeriod);
            wakeArmed = true;
        }

        ArmTimer();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Activating was the point (after a restart the queue is read from state); a live activation just checks the timer.
        ArmTimer();
        return Task.CompletedTask;
    }

    /// <summary>Attempts every due delivery, a few at a time, until none is due; re-arms the timer for the next one.</summary>
    private async Task DeliverDueAsync(CancellationToken cancellationToken)
    {
        if (delivering)
        {
            return;
        }

        delivering = true;
        try
        {
            while (true)
            {
                var now = clock.GetUtcNow();
                var due = State.Queue.Where(d => d.NextAttemptAt <= now).OrderBy(d => d.NextAttemptAt).Take(settings.MaxConcurrentAttempts).ToList();
                if (due.Count == 0)
                {
                    break;
                }

                var responses = await Task.WhenAll(due.Select(d => AttemptAsync(d, cancellationToken)));
                var entries = new List<LogLine>();
                for (var i = 0; i < due.Count; i++)
                {
                    if (Settle(due[i], responses[i]) is { } entry)
                    {
                        entries.Add(entry);
                    }
                }

                await SaveAsync(cancellationToken);
                await LogAsync(entries, cancellationToken);
            }

            if (State.Queue.Count == 0 && wakeArmed && await this.GetReminder(WakeReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
                wakeArmed = false;
            }
        }
        finally
        {
            delivering = false;
            ArmTimer();
        }
    }

    private Task<WebhookResponse?> AttemptAsync(QueuedDelivery delivery, CancellationToken cancellationToken)
    {
        if (State.Webhooks.GetValueOrDefault(delivery.WebhookId) is not { Enabled: true } webhook)
        {
            return Task.FromResult<WebhookResponse?>(null);
        }

        var post = new WebhookPost(new Uri(webhook.Url), delivery.DeliveryId, webhook.Secret, Encoding.UTF8.GetBytes(delivery.Body));
        return sender.SendAsync(post, cancellationToken)!;
    }

    /// <summary>Records one attempt's outcome in the queue (gone when delivered or given up) and returns its log entry.</summary>
    private LogLine? Settle(QueuedDelivery attempted, WebhookResponse? response)
    {
        var index = State.Queue.FindIndex(d => d.WebhookId == attempted.WebhookId && d.Number == attempted.Number);
        if (index < 0)
        {
            return null; // the webhook was deleted while the attempt was under way, with its log
        }

        var now = clock.GetUtcNow();
        if (response is null)
        {
            State.Queue.RemoveAt(index);
            metrics.Finished("dropped");
            LogDropped(logger, TenantId, attempted.WebhookId, attempted.DeliveryId, "the webhook is disabled");
            return Line(attempted with { LastError = "dropped: the webhook is disabled" }, DeliveryStatus.Failed);
        }

        metrics.Attempted(response.Succeeded);
        var attempts = attempted.Attempts + 1;
        var updated = attempted with
        {
            Attempts = attempts,
            StatusCode = response.StatusCode,
            LastError = response.Error,
            LatencyMs = Math.Round(response.Latency.TotalMilliseconds, 1),
            LastAttemptAt = now,
        };
        if (response.Succeeded)
        {
            State.Queue.RemoveAt(index);
            metrics.Finished("delivered");
            LogDelivered(logger, TenantId, attempted.WebhookId, attempted.DeliveryId, attempts, response.StatusCode, response.Latency.TotalMilliseconds);
            return Line(updated, DeliveryStatus.Delivered);
        }

        if (attempts >= settings.MaxAttempts)
        {
            State.Queue.RemoveAt(index);
            metrics.Finished("failed");
            LogGaveUp(logger, TenantId, attempted.WebhookId, attempted.DeliveryId, attempts, response.Error);
            return Line(updated, DeliveryStatus.Failed);
        }

        var wait = WebhookBackoff.Delay(attempts, settings.RetryBaseDelay, settings.RetryMaxDelay, Random.Shared.NextDouble());
        updated = updated with { NextAttemptAt = now + wait };
        State.Queue[index] = updated;
        LogRetrying(logger, TenantId, attempted.WebhookId, attempted.DeliveryId, attempts, response.Error, wait.TotalSeconds);
        return Line(updated, DeliveryStatus.Pending);
    }

    private void ArmTimer()
    {
        if (State.Queue.Count == 0)
        {
            timer?.Dispose();
            timer = null;
            return;
        }

        var due = State.Queue.Min(d => d.NextAttemptAt) - clock.GetUtcNow();
        due = due < TimeSpan.Zero ? TimeSpan.Zero : due;
        if (timer is null)
        {
            timer = this.RegisterGrainTimer(DeliverDueAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
        }
        else
        {
            timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        await saving.WaitAsync(cancellationToken);
        try
        {
            await store.WriteStateAsync(cancellationToken);
        }
        finally
        {
            saving.Release();
        }
    }

    private async Task LogAsync(IReadOnlyList<LogLine> entries, CancellationToken cancellationToken)
    {
        foreach (var group in entries.GroupBy(e => e.WebhookId))
        {
            var partition = WebhookKeys.DeliveriesPartition(TenantId, group.Key);
            var records = group.Select(e => new SortedRecord(e.Number, StoredJson.Serialize(e.Entry))).ToList();
            await storage.SortedRecords.PutAsync(partition, records, cancellationToken);
            var oldestKept = records.Max(r => r.SortKey) - WebhookLimits.MaxLoggedDeliveries + 1;
            if (oldestKept > 1)
            {
                await storage.SortedRecords.DeleteRangeAsync(partition, new SortKeyRange(long.MinValue, oldestKept - 1), cancellationToken);
            }
        }
    }

    private static LogLine Line(QueuedDelivery d, DeliveryStatus status) => new(d.WebhookId, d.Number, new WebhookDelivery(
        d.DeliveryId, d.Type, d.EventId, d.IncidentNumber, d.Check, status, d.Attempts, d.StatusCode, d.LastError, d.LatencyMs,
        d.CreatedAt, d.LastAttemptAt, status == DeliveryStatus.Pending ? d.NextAttemptAt : null));

    private StoredWebhook Find(string webhookId)
    {
        RequireId(webhookId);
        return State.Webhooks.GetValueOrDefault(webhookId) ?? throw new ResourceNotFoundException("Webhook", webhookId);
    }

    private static void RequireId(string webhookId)
    {
        if (!ResourceId.IsValid(webhookId))
        {
            throw new ValidationFailedException("webhookId", $"Ids are 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit ({ResourceId.Pattern}).");
        }
    }

    private static WebhookView View(StoredWebhook w) =>
        new(w.Id, w.Url, w.Events, w.Checks, w.EventIds, w.Enabled, w.Description, w.CreatedAt, w.UpdatedAt, w.SecretCreatedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhooks {Tenant}: webhook {Webhook} saved (new: {Created}) for host {Host}, enabled {Enabled}")]
    private static partial void LogSaved(ILogger logger, string tenant, string webhook, bool created, string host, bool enabled);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhooks {Tenant}: webhook {Webhook} deleted with {Dropped} queued deliveries")]
    private static partial void LogDeleted(ILogger logger, string tenant, string webhook, int dropped);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhooks {Tenant}: webhook {Webhook} secret rotated")]
    private static partial void LogRotated(ILogger logger, string tenant, string webhook);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhooks {Tenant}: delivery {Delivery} to {Webhook} queued: {Type} for event {Event}, incident {Incident}")]
    private static partial void LogQueued(ILogger logger, string tenant, string webhook, string delivery, string type, string @event, long incident);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhooks {Tenant}: delivery {Delivery} to {Webhook} delivered on attempt {Attempts} ({Status}, {LatencyMs:0.#} ms)")]
    private static partial void LogDelivered(ILogger logger, string tenant, string webhook, string delivery, int attempts, int? status, double latencyMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhooks {Tenant}: delivery {Delivery} to {Webhook} attempt {Attempts} failed ({Error}); next in {Seconds:0.##} s")]
    private static partial void LogRetrying(ILogger logger, string tenant, string webhook, string delivery, int attempts, string? error, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhooks {Tenant}: delivery {Delivery} to {Webhook} failed after {Attempts} attempts ({Error})")]
    private static partial void LogGaveUp(ILogger logger, string tenant, string webhook, string delivery, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhooks {Tenant}: delivery {Delivery} to {Webhook} dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, string tenant, string webhook, string delivery, string reason);

    /// <summary>A delivery's log entry and where it goes: its webhook's log, under its number.</summary>
    private readonly record struct LogLine(string WebhookId, long Number, WebhookDelivery Entry);
}
