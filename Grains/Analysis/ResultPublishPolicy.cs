using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Glance.Grains.Analysis;

/// <summary>
/// How a finished result is put on the event's results stream: tried again with back-off (250 ms doubling to 4 s) while
/// the stream's queue is unreachable, for at most <see cref="PipelineOptions.PublishTimeout"/>. When a silo dies, the
/// memory-stream queue it hosted fails every publish until Orleans declares the silo dead and the queue comes back
/// elsewhere (seconds). Giving up at once lost the result, and the timeline, which records in order, then recorded the
/// next segments and could never take it: a hole that re-analysis cannot fill. The lane waits instead; its bounded queue
/// is the back-pressure on polling. Cancellation (the silo stopping) is never retried.
/// </summary>
public static partial class ResultPublishPolicy
{
    public static ResiliencePipeline Create(TimeSpan publishTimeout, ILogger logger, TimeProvider? clock = null)
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
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing a segment result failed (attempt {Attempt}); trying again in {Seconds:0.##} s")]
    private static partial void LogRetry(ILogger logger, Exception? exception, int attempt, double seconds);
}
