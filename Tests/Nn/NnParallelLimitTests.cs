using System.Collections.Concurrent;
using Glance.Inference.Nn;

namespace Glance.Tests.Nn;

/// <summary>A scoped limit keeps one flow's layers on one thread without changing the degree other flows use.</summary>
public sealed class NnParallelLimitTests
{
    [Fact]
    public async Task Inside_a_limit_of_one_a_layer_runs_on_the_calling_thread_and_outside_it_the_setting_holds()
    {
        var setting = NnParallel.MaxDegreeOfParallelism;
        var threads = new ConcurrentBag<int>();
        int caller;
        using (NnParallel.Limit(1))
        {
            // The limit follows the flow into the tasks it starts, as a gallery job's work does.
            caller = await Task.Run(() =>
            {
                NnParallel.For(64, worthwhile: true, _ => threads.Add(Environment.CurrentManagedThreadId));
                return Environment.CurrentManagedThreadId;
            });
            NnParallel.MaxDegreeOfParallelism.Should().Be(1);
        }

        threads.Should().HaveCount(64).And.OnlyContain(t => t == caller);
        NnParallel.MaxDegreeOfParallelism.Should().Be(setting, "the scope ended and the process-wide setting never changed");
    }

    [Fact]
    public async Task A_limit_in_one_flow_does_not_reach_another_flow_running_at_the_same_time()
    {
        var setting = NnParallel.MaxDegreeOfParallelism;
        var inside = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var limited = Task.Run(async () =>
        {
            using var scope = NnParallel.Limit(1);
            inside.SetResult();
            await release.Task;
            return NnParallel.MaxDegreeOfParallelism;
        });
        await inside.Task;

        var elsewhere = NnParallel.MaxDegreeOfParallelism;
        release.SetResult();

        (await limited).Should().Be(1);
        elsewhere.Should().Be(setting, "the other flow keeps every core it had");
    }
}
