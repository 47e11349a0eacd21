using System.Collections.Concurrent;
using System.Threading.Channels;
using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Tests.Ingest;

/// <summary>
/// Stands where the analysis pipeline and the timeline stand: records every handed segment (and the resume point handed
/// with it) and, a moment later and from outside the stream grain's turn, tells the stream grain it was recorded, with
/// a stream clock state named after it ("after-{sequence}"), as the timeline does once a result is stored.
/// </summary>
public sealed class RecordingSegmentHandler : ISegmentHandler, IAsyncDisposable
{
    private readonly Channel<SegmentHandoff> recordings = Channel.CreateUnbounded<SegmentHandoff>();
    private readonly IServiceProvider services;
    private readonly Task recording;

    public RecordingSegmentHandler(IServiceProvider services)
    {
        this.services = services;
        recording = RecordAsync();
    }

    public ConcurrentQueue<SegmentHandoff> Handed { get; } = new();

    /// <summary>The resume point handed with each segment, by media sequence (the last hand-over's).</summary>
    public ConcurrentDictionary<long, AnalysisResumePoint> ResumePoints { get; } = new();

    public IReadOnlyList<long> Sequences => Handed.Select(s => s.MediaSequence).ToList();

    /// <summary>Segments whose "recorded" note is lost the first time they are handed (a result lost on its way).</summary>
    public ConcurrentDictionary<long, bool> LoseFirstRecording { get; } = new();

    /// <summary>Segments from this sequence on are not recorded at their first hand-over (a timeline that stopped hearing).</summary>
    public long? LoseFirstRecordingFrom { get; set; }

    /// <summary>The segments whose recording this handler lost, in the order handed.</summary>
    public ConcurrentQueue<long> Lost { get; } = new();

    public static string ClockStateAfter(long sequence) => $"after-{sequence}";

    public ValueTask HandleAsync(SegmentHandoff segment, AnalysisResumePoint recorded, CancellationToken cancellationToken)
    {
        var again = Handed.Any(s => s.MediaSequence == segment.MediaSequence);
        Handed.Enqueue(segment);
        ResumePoints[segment.MediaSequence] = recorded;
        var lost = LoseFirstRecording.TryRemove(segment.MediaSequence, out _) || (!again && segment.MediaSequence >= LoseFirstRecordingFrom);
        if (lost)
        {
            Lost.Enqueue(segment.MediaSequence);
            return ValueTask.CompletedTask;
        }

        return recordings.Writer.WriteAsync(segment, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        recordings.Writer.TryComplete();
        await recording.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task RecordAsync()
    {
        await foreach (var segment in recordings.Reader.ReadAllAsync())
        {
            try
            {
                var grains = services.GetRequiredService<IGrainFactory>();
                await grains.GetGrain<IStreamIngestGrain>(ResourceId.Scoped(segment.TenantId, segment.EventId))
                    .RecordedAsync(segment.Epoch, segment.MediaSequence, ClockStateAfter(segment.MediaSequence));
            }
            catch (Exception)
            {
                // The silo is stopping: the segment stays in flight and is handed again after the restart.
            }
        }
    }
}
