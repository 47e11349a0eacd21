using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Glance.Grains.Analysis;

/// <summary>
/// How the pipeline calls into the cluster: the result's publish on the event's results stream and the gallery's
/// detection context, tried again with back-off (250 ms doubling to 4 s) while the other end is unreachable, for at most
/// <see cref="PipelineOptions.PublishTimeout"/>. When a silo dies, the memory-stream queue and the grains it hosted fail
/// every call until Orleans declares the silo dead and they come back elsewhere (seconds). Giving up at once lost
/// results (the timeline, which records in order, then recorded the next segments: a hole that re-analysis cannot fill)
/// or recorded sound segments as failed. The lane waits instead; its bounded queue is the back-pressure on polling.
/// Cancellation (the silo stopping) is never retried.
/// </summary>
public static partial class ClusterRetryPolicy
{
    /// <param name="retryOn">Which failures are tried again (default: any but cancellation, as a stream publish fails in
    /// many ways while its queue is away); a grain call narrows it to the cluster's, so a bug is not retried.</param>
    public static ResiliencePipeline Create(TimeSpan publishTimeout, ILogger logger, TimeProvider? clock = null, Func<Exception, bool>? retryOn = null)
    {
        var builder = new ResiliencePipelineBuilder();
        if (clock is not null)
        {
            builder.TimeProvider = clock;
        }

        return builder
            .AddTimeout(new TimeoutStrategyOptions { Timeout = publishTimeout })
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException && (retryOn?.Invoke(e) ?? true)),
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(4),
                MaxRetryAttempts = int.MaxValue,
                UseJitter = false,
                OnRetry = retry =>
                {
                    LogRetry(logger, retry.Outcome.Exception, retry.AttemptNumber + 1, retry.RetryDelay.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>A grain call's failure that another try may not see: a silo unreachable or not answering in time.</summary>
    public static bool IsTransientGrainCallFault(Exception exception) => exception is OrleansException or TimeoutException;

    /// <summary>Whether a failure is the cluster's (a silo unreachable, the retries exhausted) rather than the segment's.</summary>
    public static bool IsClusterFault(Exception exception) => exception is OrleansException or TimeoutRejectedException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "A cluster call of the segment pipeline failed (attempt {Attempt}); trying again in {Seconds:0.##} s")]
    private static partial void LogRetry(ILogger logger, Exception? exception, int attempt, double seconds);
}
