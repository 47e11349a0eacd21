using Glance.Grains.Events;
using Glance.Grains.Placement;
using Glance.Grains.Interfaces.Streams;
using Glance.Grains.Interfaces.Ingest;
using Glance.Media.Fetching;
using Glance.Media.Hls;
using Orleans.Storage;
using Glance.Storage;
using Orleans.Streams;
using Orleans.Timers;
namespace Glance.Grains.Ingest;

/// <summary>
/// Follows one event's HLS source. Each poll is a timer turn: load the media playlist,
/// advance the cursor, hand new segments to analysis, persist, and schedule the next load by RFC 8216's rules.
/// Segments stay "in flight" in the persisted state until the timeline says it recorded them, so a restart hands them
/// again rather than losing them; downstream de-duplicates on (epoch, media sequence). The grain also keeps where
/// analysis resumes (the newest recorded segment and the stream clock after it) and hands it with every segment: the
/// way runs one direction, from here to analysis to the timeline, and only the timeline's "recorded" comes back.
/// The segment pipeline runs on this grain's silo, so the grain is placed only on silos doing analysis (Silo:Workloads).
/// </summary>
[GrainType("stream-ingest")]
[WorkloadPlacement(SiloWorkloads.Analysis)]
public sealed partial class StreamIngestGrain(
    [PersistentState("stream")] IPersistentState<StreamIngestState> stream,
    ISourceFetcher fetcher,
    ISegmentHandler handler,
    IngestStartGate startGate,
    IOptions<IngestOptions> options,
    TimeProvider clock,
    ILogger<StreamIngestGrain> logger) : Grain, IStreamIngestGrain, IRemindable
{
    private const string ResumeReminder = "resume";
    private readonly IngestOptions settings = options.Value;
    private readonly List<StreamIngestEvent> pendingEvents = [];
    private IGrainTimer? poller;
    private readonly Dictionary<(int Epoch, long Sequence), DateTimeOffset> handedAt = [];
    private (SegmentPosition? Newest, DateTimeOffset At)? lastPredecessorRehand;
    private AvailabilityClock availability = new();
    private MediaPlaylist? lastPlaylist;
    private RecentPlaylistWarnings? recentWarnings;
    private volatile StreamIngestStatus? status;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Zero is what a stream that never learned a lag holds: it starts from the clock's prior.
        availability = stream.State.PublishingLag > TimeSpan.Zero ? new AvailabilityClock(stream.State.PublishingLag) : new AvailabilityClock();
        PublishStatus();
        if (stream.State.Running && !stream.State.EndOfStream)
        {
            ArmPoll(TimeSpan.Zero); // resume where the persisted cursor stands
        }

        return Task.CompletedTask;
    }

    public async Task StartAsync(StreamIngestConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var state = stream.State;
        var changed = state.Config is null || !SameConfig(state.Config, config);
        if (state.Running && !changed)
        {
            if (!state.EndOfStream && poller is null)
            {
                ArmPoll(TimeSpan.Zero);
            }

            return;
        }

        if (state.Config is not null && state.Config.Source != config.Source)
        {
            // A different source is a different stream: its sequence numbers mean nothing to the old cursor.
            state.Cursor = SegmentCursor.Initial with { Epoch = state.Cursor.Epoch + 1 };
            state.MediaPlaylist = null;
            state.PublishingLag = TimeSpan.Zero; // another origin publishes on its own time
            availability = new AvailabilityClock();
        }
        else if (state.Config is not null && state.Config.Variant != config.Variant)
        {
            state.Cursor = state.Cursor.ForVariantSwitch();
            state.MediaPlaylist = null;
        }

        state.Config = config;
        state.Running = true;
        state.EndOfStream = false;
        state.ConsecutiveErrors = 0;
        Record(StreamIngestEventKind.Started, $"Following {config.Source}.");
        await SaveAsync(cancellationToken);
        ArmPoll(TimeSpan.Zero);
        await this.RegisterOrUpdateReminder(ResumeReminder, settings.ResumeInterval, settings.ResumeInterval);
    }

    /// <summary>
    /// A polling timer lives only as long as its activation. After a silo stops or dies, Orleans fires this durable
    /// reminder on a surviving silo, which activates the grain there; activation resumes from the persisted cursor.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!stream.State.Running || stream.State.EndOfStream)
        {
            await ForgetResumeReminderAsync();
        }
        else if (poller is null)
        {
            ArmPoll(TimeSpan.Zero);
        }
    }

    private async Task ForgetResumeReminderAsync()
    {
        if (await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!stream.State.Running)
        {
            return;
        }

        stream.State.Running = false;
        Record(StreamIngestEventKind.Stopped, "Polling stopped.");
        await SaveAsync(cancellationToken);
        StopPolling();
        await ForgetResumeReminderAsync();
    }

    public async Task ForgetAsync(CancellationToken cancellationToken = default)
    {
        StopPolling();
        await ForgetResumeReminderAsync();
        handedAt.Clear();
        lastPredecessorRehand = null;
        pendingEvents.Clear();
        lastPlaylist = null;
        availability = new AvailabilityClock();
        await stream.ClearStateAsync(cancellationToken);
        PublishStatus();
        DeactivateOnIdle();
    }

    public async Task RecordedAsync(int epoch, long mediaSequence, string? analysisState, CancellationToken cancellationToken = default)
    {
        var state = stream.State;
        handedAt.Remove((epoch, mediaSequence));
        var changed = state.InFlight.RemoveAll(s => s.Epoch == epoch && s.MediaSequence == mediaSequence) > 0;
        if (!state.Recorded.Covers(epoch, mediaSequence))
        {
            // Notes can arrive out of order (each is a separate call); only a newer one moves the resume point.
            state.Recorded = new AnalysisResumePoint(epoch, mediaSequence, analysisState ?? state.Recorded.AnalysisState);
            changed = true;
        }

        if (changed)
        {
            await SaveAsync(cancellationToken);
        }
    }

    public async Task PredecessorMissingAsync(SegmentPosition waiting, SegmentPosition? newestRecorded, CancellationToken cancellationToken = default)
    {
        var state = stream.State;
        var now = clock.GetUtcNow();
        var recorded = state.Recorded;
        var recordedSince = newestRecorded is not null && recorded.Covers(newestRecorded.Epoch, newestRecorded.Sequence)
            && (recorded.Epoch, recorded.Sequence) != (newestRecorded.Epoch, newestRecorded.Sequence);
        if (!state.Running || recorded.Covers(waiting.Epoch, waiting.Sequence) || recordedSince)
        {
            // Stopped, or the notice is stale: the waiting segment, or one after the record it names, was recorded since
            // (relinking to that older record would only be undone by the next notice).
            return;
        }

        if (lastPredecessorRehand is { } last && last.Newest == newestRecorded && now - last.At < settings.PredecessorRetryInterval)
        {
            // Every result set aside behind the same record sends this notice; the first already made them due.
            return;
        }

        if (PredecessorRepair.Plan(state.InFlight, newestRecorded) is not { } plan)
        {
            return; // nothing in flight follows the timeline's newest record
        }

        var (from, relinked) = plan;
        if (relinked is not null)
        {
            LogSuccessorLost(logger, this.GetPrimaryKeyString(), newestRecorded?.ToString() ?? "nothing", relinked.MediaSequence);
            state.InFlight[from] = relinked;
            await SaveAsync(cancellationToken);
        }

        lastPredecessorRehand = (newestRecorded, now);
        LogPredecessorMissing(logger, this.GetPrimaryKeyString(), newestRecorded?.ToString() ?? "nothing", waiting.ToString(), state.InFlight.Count - from);
        foreach (var segment in state.InFlight.Skip(from))
        {
            // Due at the next poll, in order. Not handed here: a full analysis queue would hold this turn, and the
            // timeline's acknowledgements would queue behind it.
            handedAt.Remove((segment.Epoch, segment.MediaSequence));
        }
    }

    public Task<StreamIngestStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(status ?? BuildStatus());

    private static bool SameConfig(StreamIngestConfig a, StreamIngestConfig b) =>
        a.Source == b.Source && a.Variant == b.Variant && a.Sampling == b.Sampling && a.EventStartsAt == b.EventStartsAt
        && (a.Detectors ?? []).SequenceEqual(b.Detectors ?? []);

    private void ArmPoll(TimeSpan delay)
    {
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        if (poller is null)
        {
            poller = this.RegisterGrainTimer(PollAsync, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            poller.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void StopPolling()
    {
        poller?.Dispose();
        poller = null;
    }

    /// <summary>
    /// One poll, re-armed whatever happens: the timer is one-shot, so an exception that escaped (a store error, a lost
    /// ETag race) would otherwise stop the stream until the activation goes away.
    /// </summary>
    private async Task PollAsync(CancellationToken cancellationToken)
    {
        if (!startGate.IsOpen)
        {
            ArmPoll(IngestStartGate.Recheck);
            return;
        }

        using var scope = EventLogScope.Begin(logger, this.GetPrimaryKeyString());
        try
        {
            await PollOnceAsync(cancellationToken);
        }
        catch (InconsistentStateException)
        {
            // Another writer won: while a dead silo is being declared dead Orleans may briefly run a second activation
            // of this grain. The loser steps down rather than poll beside it; whatever it handed meanwhile is
            // de-duplicated downstream, and the resume reminder brings the stream back should no activation remain.
            LogStateConflict(logger, this.GetPrimaryKeyString());
            StopPolling();
            DeactivateOnIdle();
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogPollFailed(logger, e, this.GetPrimaryKeyString());
            ArmPoll(TimeSpan.FromSeconds(stream.State.TargetDurationSeconds ?? 2));
        }
    }

    private async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        var state = stream.State;
        if (!state.Running || state.EndOfStream || state.Config is null)
        {
            return;
        }

        TimeSpan next;
        try
        {
            await RehandInFlightAsync(cancellationToken);
            next = await LoadOnceAsync(state, cancellationToken);
        }
        catch (SourceFetchException e) when (e.Reason == SourceFetchFailure.Denied)
        {
            await FailAsync(e.Message, cancellationToken);
            return;
        }
        catch (UnusableSourceException e)
        {
            await FailAsync(e.Message, cancellationToken);
            return;
        }
        catch (Exception e) when (e is SourceFetchException or PlaylistParseException)
        {
            next = OnLoadFailed(state, e.Message);
        }
        await SaveAsync(cancellationToken);
        if (!state.EndOfStream)
        {
            ArmPoll(next);
        }
    }

    /// <summary>One playlist load: returns how long to wait before the next.</summary>
    private async Task<TimeSpan> LoadOnceAsync(StreamIngestState state, CancellationToken cancellationToken)
    {
        var config = state.Config!;
        state.MediaPlaylist ??= await ResolveMediaPlaylistAsync(config, cancellationToken);
        var loadStart = clock.GetUtcNow();
        var fetched = await fetcher.FetchPlaylistAsync(state.MediaPlaylist, cancellationToken);
        var playlist = PlaylistParser.Parse(fetched.Text, fetched.FinalUrl) as MediaPlaylist
            ?? throw new UnusableSourceException($"{state.MediaPlaylist} is a master playlist where a media playlist was expected.");
        NoteWarnings(playlist);
        if (playlist.Segments.FirstOrDefault(s => s.Key is { } key && !string.Equals(key.Method, "NONE", StringComparison.OrdinalIgnoreCase)) is { } encrypted)
        {
            throw new UnusableSourceException($"The stream is encrypted ({encrypted.Key!.Method}); encrypted segments cannot be analysed.");
        }

        state.LastLoadAt = loadStart;
        state.TargetDurationSeconds = playlist.TargetDuration;
        if (state.ConsecutiveErrors > 0)
        {
            Record(StreamIngestEventKind.Recovered, $"The playlist loads again after {state.ConsecutiveErrors} failed attempt(s).");
            state.ConsecutiveErrors = 0;
            state.LastError = null;
        }

        var advanceStale = false;
        if (state.InFlight.Count < settings.MaxInFlight)
        {
            var advance = state.Cursor.Advance(playlist, new SegmentCursorOptions { Start = settings.Start });
            await HandOverAsync(state, advance, config, cancellationToken);
            advanceStale = advance.Stale;
            state.Cursor = advance.Next;
        }
        else
        {
            LogBackPressure(logger, this.GetPrimaryKeyString(), state.InFlight.Count);
        }

        // "Changed" is about the playlist, not about what we took from it: with too many segments in flight nothing is
        // handed, yet the source moved on, and RFC 8216 then asks for a full target duration before the next load.
        var changed = !advanceStale && ReloadPolicy.HasChanged(lastPlaylist, playlist);
        if (!advanceStale)
        {
            lastPlaylist = playlist;
        }

        var now = clock.GetUtcNow();
        var targetDuration = TimeSpan.FromSeconds(playlist.TargetDuration);
        if (changed)
        {
            if (state.Stalled)
            {
                Record(StreamIngestEventKind.Recovered, "New segments arrive again.");
            }

            state.Stalled = false;
            state.LastNewSegmentAt = now;
        }
        else if (!state.Stalled && ReloadPolicy.IsStalled(state.LastNewSegmentAt ?? loadStart, targetDuration, now))
        {
            state.Stalled = true;
            Record(StreamIngestEventKind.Stall, $"No new segment for {(now - (state.LastNewSegmentAt ?? loadStart)).TotalSeconds:0.#} s (3 target durations).");
        }

        state.LastNewSegmentAt ??= now;
        var nextLoad = ReloadPolicy.NextLoad(playlist, loadStart, changed, now);
        if (nextLoad is null)
        {
            state.EndOfStream = true;
            Record(StreamIngestEventKind.Ended, "The playlist ended (EXT-X-ENDLIST).");
            return Timeout.InfiniteTimeSpan;
        }

        if (!advanceStale)
        {
            availability = availability.Observe(playlist, loadStart, changed);
            state.PublishingLag = availability.Lag; // saved with the cursor after this load
        }

        // Never earlier than RFC 8216 allows; later when the next segment is not expected yet.
        var planned = availability.NextLoad(playlist, nextLoad.Value);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var sinceEnd = playlist.Segments.Count > 0 && playlist.Segments[^1].ProgramDateTime is { } start ? (loadStart - start).TotalSeconds - playlist.Segments[^1].Duration : double.NaN;
            LogLoadTiming(logger, this.GetPrimaryKeyString(), changed, sinceEnd, availability.Lag.TotalSeconds, (nextLoad.Value - loadStart).TotalSeconds, (planned - loadStart).TotalSeconds);
        }

        return planned - now;
    }

    private async Task HandOverAsync(StreamIngestState state, CursorAdvance advance, StreamIngestConfig config, CancellationToken cancellationToken)
    {
        if (advance.Restart is { } restart)
        {
            state.Restarts++;
            Record(StreamIngestEventKind.Restart, $"The source restarted ({restart.Reason}); epoch {restart.PreviousEpoch} -> {restart.Epoch}.");
        }

        if (advance.Gap is { } gap)
        {
            state.GapSegments += gap.Count;
            Record(StreamIngestEventKind.Gap, $"{gap.Count} segment(s) left the playlist before they were seen.", gap.FirstMissing, gap.LastMissing);
        }

        var (tenantId, eventId) = ResourceId.Unscope(this.GetPrimaryKeyString());
        foreach (var handed in advance.Segments)
        {
            var segment = handed.Segment;
            if (handed.StartsDiscontinuity && state.SegmentsHanded > 0)
            {
                Record(StreamIngestEventKind.Discontinuity, $"Discontinuity before segment {segment.MediaSequence}.", segment.MediaSequence, segment.MediaSequence);
            }

            if (segment.Gap)
            {
                continue; // EXT-X-GAP: the server says there is nothing to load
            }

            var handoff = new SegmentHandoff(
                tenantId,
                eventId,
                handed.Epoch,
                segment.MediaSequence,
                segment.DiscontinuitySequence,
                handed.StartsDiscontinuity,
                segment.Uri,
                segment.ByteRange?.Offset,
                segment.ByteRange?.Length,
                segment.Duration,
                segment.ProgramDateTime,
                segment.Map is { } map ? new SegmentMap(map.Uri, map.ByteRange?.Offset, map.ByteRange?.Length) : null,
                config,
                clock.GetUtcNow(),
                state.LastHanded);
            state.InFlight.Add(handoff);
            state.LastHanded = new SegmentPosition(handoff.Epoch, handoff.MediaSequence);
            state.SegmentsHanded++;
            handedAt[(handoff.Epoch, handoff.MediaSequence)] = clock.GetUtcNow();
            await handler.HandleAsync(handoff, state.Recorded, cancellationToken);
        }
    }

    /// <summary>
    /// Hands again what is in flight: everything after an activation (the previous one may have died with segments
    /// queued), later only segments whose recording is overdue (a result lost on its way to the timeline, as when the
    /// silo holding its stream queue dies) or whose predecessor the timeline reported missing. A segment that a newer
    /// recording covers is not handed again: the timeline records a segment only after its predecessor, so it was
    /// recorded and only its note was lost. Analysis and the timeline de-duplicate what arrives twice.
    /// </summary>
    private async Task RehandInFlightAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var state = stream.State;
        foreach (var segment in state.InFlight.ToList())
        {
            var key = (segment.Epoch, segment.MediaSequence);
            if (state.Recorded.Covers(segment.Epoch, segment.MediaSequence))
            {
                state.InFlight.Remove(segment);
                handedAt.Remove(key);
                LogCovered(logger, this.GetPrimaryKeyString(), segment.MediaSequence, state.Recorded.Sequence);
                continue;
            }

            if (handedAt.TryGetValue(key, out var at))
            {
                if (now - at < settings.AcknowledgeTimeout)
                {
                    continue;
                }

                LogRehanded(logger, this.GetPrimaryKeyString(), segment.MediaSequence, (now - at).TotalSeconds);
            }

            handedAt[key] = now;
            await handler.HandleAsync(segment, state.Recorded, cancellationToken);
        }
    }

    private async Task<Uri> ResolveMediaPlaylistAsync(StreamIngestConfig config, CancellationToken cancellationToken)
    {
        var fetched = await fetcher.FetchPlaylistAsync(config.Source, cancellationToken);
        var playlist = PlaylistParser.Parse(fetched.Text, fetched.FinalUrl);
        NoteWarnings(playlist);
        if (playlist is not MasterPlaylist master)
        {
            return config.Source;
        }

        var choice = VariantSelector.Select(master, new VariantSelectorOptions { MaxHeight = config.Variant.MaxHeight ?? 720, MaxBandwidth = config.Variant.MaxBandwidth })
            ?? throw new UnusableSourceException($"The master playlist {config.Source} has no usable variant.");
        LogVariantChosen(logger, this.GetPrimaryKeyString(), choice.Uri, choice.Resolution?.Height, choice.Bandwidth);
        return choice.Uri;
    }

    private TimeSpan OnLoadFailed(StreamIngestState state, string message)
    {
        state.ConsecutiveErrors++;
        if (state.ConsecutiveErrors == 1 || state.LastError != message)
        {
            Record(StreamIngestEventKind.PlaylistError, message);
        }

        state.LastError = message;
        if (state.ConsecutiveErrors % settings.ErrorsBeforeReresolve == 0 && state.Config!.Source != state.MediaPlaylist)
        {
            state.MediaPlaylist = null; // the variant may be gone: choose again from the master playlist
            state.Cursor = state.Cursor.ForVariantSwitch();
        }

        // Back off from one target duration, doubling, up to the cap: a broken source must not make us spin.
        var target = TimeSpan.FromSeconds(state.TargetDurationSeconds ?? 2);
        var backoff = TimeSpan.FromTicks(Math.Min(target.Ticks * (1L << Math.Min(state.ConsecutiveErrors - 1, 10)), settings.MaxErrorBackoff.Ticks));
        return backoff;
    }

    /// <summary>Keeps what the source breaks of RFC 8216 in the status; each new kind is logged once.</summary>
    private void NoteWarnings(Playlist playlist)
    {
        if (playlist.Warnings.Count == 0)
        {
            return;
        }

        recentWarnings ??= new RecentPlaylistWarnings(Math.Max(1, settings.RecentWarnings));
        foreach (var warning in recentWarnings.Note(playlist, clock.GetUtcNow()))
        {
            LogPlaylistWarning(logger, this.GetPrimaryKeyString(), playlist.BaseUri, warning.Code, warning.Line, warning.Message);
        }
    }

    private async Task FailAsync(string reason, CancellationToken cancellationToken)
    {
        var state = stream.State;
        state.Running = false;
        state.LastError = reason;
        Record(StreamIngestEventKind.Failed, reason);
        await SaveAsync(cancellationToken);
        StopPolling();
        await ForgetResumeReminderAsync();
    }

    private void Record(StreamIngestEventKind kind, string message, long? first = null, long? last = null)
    {
        var (tenantId, eventId) = ResourceId.Unscope(this.GetPrimaryKeyString());
        var ingestEvent = new StreamIngestEvent(tenantId, eventId, kind, clock.GetUtcNow(), message, first, last);
        var recent = stream.State.RecentEvents;
        recent.Add(ingestEvent);
        if (recent.Count > settings.RecentEvents)
        {
            recent.RemoveRange(0, recent.Count - settings.RecentEvents);
        }

        pendingEvents.Add(ingestEvent);
        LogStreamEvent(logger, this.GetPrimaryKeyString(), kind, message);
    }

    /// <summary>Publishes recorded events once the state that records them is written.</summary>
    private async Task PublishPendingEventsAsync()
    {
        if (pendingEvents.Count == 0)
        {
            return;
        }

        var events = this.GetStreamProvider(StreamNames.Provider).GetStream<StreamIngestEvent>(StreamId.Create(StreamNames.IngestEvents, this.GetPrimaryKeyString()));
        foreach (var ingestEvent in pendingEvents)
        {
            await events.OnNextAsync(ingestEvent);
        }

        pendingEvents.Clear();
    }

    /// <summary>Writes the state, then tells the world: the status snapshot and the recorded stream events.</summary>
    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        await stream.WriteStateAsync(cancellationToken);
        PublishStatus();
        await PublishPendingEventsAsync();
    }

    private void PublishStatus() => status = BuildStatus();

    private StreamIngestStatus BuildStatus()
    {
        var s = stream.State;
        return new StreamIngestStatus(
            s.Running,
            RuntimeIdentity,
            s.MediaPlaylist,
            s.Cursor.Epoch,
            s.Cursor.LastSequence,
            s.Recorded.Epoch,
            s.Recorded.Sequence,
            s.SegmentsHanded,
            s.GapSegments,
            s.Restarts,
            s.ConsecutiveErrors,
            s.Stalled,
            s.EndOfStream,
            s.LastLoadAt,
            s.LastNewSegmentAt,
            s.LastError,
            s.RecentEvents.ToList(),
            recentWarnings?.Snapshot() ?? []);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Stream}: playlist {Playlist} breaks RFC 8216 ({Code}, line {Line}): {Message}; read past, as players do")]
    private static partial void LogPlaylistWarning(ILogger logger, string stream, Uri playlist, string code, int line, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream}: {Kind}: {Message}")]
    private static partial void LogStreamEvent(ILogger logger, string stream, StreamIngestEventKind kind, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Stream}: segment {Sequence} not recorded after {Seconds:0.#} s; handed again")]
    private static partial void LogRehanded(ILogger logger, string stream, long sequence, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream}: segment {Sequence} was in flight but the timeline has recorded up to {Recorded}, so it was recorded and only its note was lost; it is not handed again")]
    private static partial void LogCovered(ILogger logger, string stream, long sequence, long? recorded);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream} follows variant {Variant} ({Height} lines, {Bandwidth} bit/s)")]
    private static partial void LogVariantChosen(ILogger logger, string stream, Uri variant, int? height, long bandwidth);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream}: the timeline set segment {Waiting} aside, its newest record being {Newest}; the {Count} segment(s) in flight after that are handed again at the next poll")]
    private static partial void LogPredecessorMissing(ILogger logger, string stream, string newest, string waiting, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Stream}: the segment after the timeline's newest record ({Newest}) was lost and is no longer in flight; segment {Sequence} now follows that record, leaving a gap")]
    private static partial void LogSuccessorLost(ILogger logger, string stream, string newest, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Stream}: analysis has {InFlight} segments in hand; polling waits (the pipeline is behind)")]
    private static partial void LogBackPressure(ILogger logger, string stream, int inFlight);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Stream}: another activation wrote its state; this one steps down")]
    private static partial void LogStateConflict(ILogger logger, string stream);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stream {Stream}: load found new {Changed}, {SinceEnd:0.000} s after the newest segment's end; lag {Lag:0.000} s; RFC minimum in {Earliest:0.000} s, next load in {Planned:0.000} s")]
    private static partial void LogLoadTiming(ILogger logger, string stream, bool changed, double sinceEnd, double lag, double earliest, double planned);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Stream}: a poll failed; polling goes on after a pause")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string stream);
}

/// <summary>The source can never be ingested as it is (encrypted, no variants): the event fails rather than retrying.</summary>
internal sealed class UnusableSourceException(string message) : Exception(message);
