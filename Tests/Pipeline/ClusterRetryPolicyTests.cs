using FluentAssertions;
using Glance.Grains.Analysis;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Polly.Timeout;
using Xunit;

namespace Glance.Tests.Pipeline;

public sealed class ClusterRetryPolicyTests
{
    [Fact]
    public async Task A_publish_that_fails_while_the_queue_is_away_is_tried_again_until_it_goes_through()
    {
        var policy = ClusterRetryPolicy.Create(TimeSpan.FromSeconds(30), NullLogger.Instance);
        var attempts = 0;

        await policy.ExecuteAsync(_ =>
        {
            attempts++;
            return attempts < 3 ? throw new InvalidOperationException("queue unreachable") : ValueTask.CompletedTask;
        }, CancellationToken.None);

        attempts.Should().Be(3);
    }

    [Fact]
    public async Task A_publish_that_keeps_failing_is_given_up_after_the_publish_timeout()
    {
        var policy = ClusterRetryPolicy.Create(TimeSpan.FromSeconds(1), NullLogger.Instance);
        var attempts = 0;

        var publishing = async () => await policy.ExecuteAsync(_ =>
        {
            attempts++;
            throw new InvalidOperationException("queue unreachable");
        }, CancellationToken.None);

        await publishing.Should().ThrowAsync<TimeoutRejectedException>();
        attempts.Should().BeGreaterThan(1).And.BeLessThan(10, "back-off starts at 250 ms and doubles");
    }

    [Fact]
    public async Task A_stopping_silo_is_not_retried()
    {
        var policy = ClusterRetryPolicy.Create(TimeSpan.FromSeconds(30), NullLogger.Instance);
        using var stopping = new CancellationTokenSource();
        var attempts = 0;

        var publishing = async () => await policy.ExecuteAsync(token =>
        {
            attempts++;
            stopping.Cancel();
            token.ThrowIfCancellationRequested();
            return ValueTask.CompletedTask;
        }, stopping.Token);

        await publishing.Should().ThrowAsync<OperationCanceledException>();
        attempts.Should().Be(1);
    }

    [Fact]
    public void An_unreachable_silo_is_the_clusters_fault_and_a_broken_segment_is_not()
    {
        ClusterRetryPolicy.IsClusterFault(new SiloUnavailableException()).Should().BeTrue();
        ClusterRetryPolicy.IsClusterFault(new OrleansException("connection refused")).Should().BeTrue();
        ClusterRetryPolicy.IsClusterFault(new TimeoutRejectedException()).Should().BeTrue();
        ClusterRetryPolicy.IsClusterFault(new InvalidDataException("not a transport stream")).Should().BeFalse();
        ClusterRetryPolicy.IsClusterFault(new TimeoutException("ffmpeg did not finish")).Should().BeFalse();
    }

    [Fact]
    public async Task A_grain_call_retries_an_unreachable_silo_but_not_a_bug()
    {
        var policy = ClusterRetryPolicy.Create(TimeSpan.FromSeconds(30), NullLogger.Instance, retryOn: ClusterRetryPolicy.IsTransientGrainCallFault);
        var attempts = 0;

        await policy.ExecuteAsync(_ => ++attempts < 2 ? throw new SiloUnavailableException() : ValueTask.CompletedTask, CancellationToken.None);
        attempts.Should().Be(2);

        attempts = 0;
        var buggy = async () => await policy.ExecuteAsync(_ => { attempts++; throw new InvalidOperationException("a bug"); }, CancellationToken.None);
        await buggy.Should().ThrowAsync<InvalidOperationException>();
        attempts.Should().Be(1);
    }
}
