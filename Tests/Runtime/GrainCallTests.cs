using Glance.Tests.Infrastructure;

namespace Glance.Tests.Runtime;

public sealed class GrainCallTests : IAsyncLifetime
{
    private TestSilo silo = null!;

    public async Task InitializeAsync() => silo = await TestSilo.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Runtime:CallTimeout"] = "00:00:02",
        ["Runtime:ShutdownTimeout"] = "00:00:01",
    });

    public async Task DisposeAsync() => await silo.DisposeAsync();

    [Fact]
    public async Task A_thousand_concurrent_calls_to_one_grain_never_overlap_and_all_complete()
    {
        var grain = silo.Grain<ICounterGrain>(Key());

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(grain.IncrementAsync)));

        results.Should().OnlyHaveUniqueItems().And.HaveCount(1000);
        results.Max().Should().Be(1000);
        (await grain.MaxConcurrencySeenAsync()).Should().Be(1);
        (await grain.CountAsync()).Should().Be(1000);
    }

    [Fact]
    public async Task Calls_to_different_grains_run_in_parallel()
    {
        var a = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var b = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Each call waits inside its turn for the other to arrive: only possible if both turns run at once.
        var met = await Task.WhenAll(
            silo.Grain<IRendezvousGrain>(Key()).MeetAsync(a, b.Task),
            silo.Grain<IRendezvousGrain>(Key()).MeetAsync(b, a.Task));

        met.Should().AllBeEquivalentTo(true);
    }

    [Fact]
    public async Task Calls_on_one_grain_are_handled_in_the_order_they_were_made()
    {
        var grain = silo.Grain<ICounterGrain>(Key());
        var calls = new List<Task<int>>();
        for (var i = 0; i < 200; i++)
        {
            calls.Add(grain.IncrementAsync());
        }

        var results = await Task.WhenAll(calls);

        results.Should().Equal(Enumerable.Range(1, 200));
    }

    [Fact]
    public async Task The_grains_own_exception_reaches_the_caller_unchanged()
    {
        var thrown = new ArgumentException("bad argument from the grain");

        var act = () => silo.Grain<ICounterGrain>(Key()).ThrowAsync(thrown);

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Should().BeSameAs(thrown);
    }

    [Fact]
    public async Task A_grain_keeps_serving_after_a_call_failed()
    {
        var grain = silo.Grain<ICounterGrain>(Key());
        await grain.Invoking(g => g.ThrowAsync(new InvalidOperationException())).Should().ThrowAsync<InvalidOperationException>();

        (await grain.IncrementAsync()).Should().Be(1);
    }

    [Fact]
    public async Task A_cancelled_call_stops_waiting_and_later_calls_still_run()
    {
        var grain = silo.Grain<ICounterGrain>(Key());
        using var cancellation = new CancellationTokenSource();
        var blocker = grain.WaitAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None);
        var queued = grain.WaitAsync(TimeSpan.FromMinutes(5), cancellation.Token);

        cancellation.Cancel();

        await queued.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        await blocker;
        (await grain.IncrementAsync()).Should().Be(1);
    }

    [Fact]
    public async Task A_call_that_outlives_the_timeout_fails_with_a_timeout_instead_of_hanging()
    {
        var grain = silo.Grain<ICounterGrain>(Key());

        var act = () => grain.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        var error = await act.Should().ThrowAsync<TimeoutException>();
        error.Which.Message.Should().Contain("WaitAsync").And.Contain("counter/");
    }

    [Fact]
    public async Task An_always_interleave_method_runs_alongside_a_long_turn()
    {
        var grain = silo.Grain<ICounterGrain>(Key());
        await grain.IncrementAsync();
        var longTurn = grain.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None);

        var peek = grain.PeekAsync();

        (await peek).Should().Be(1);
        longTurn.IsCompleted.Should().BeFalse("the peek must not have waited behind the one-second turn");
        await longTurn;
    }

    [Fact]
    public async Task A_failed_activation_fails_the_call_with_the_activation_error_and_is_retried_on_the_next_call()
    {
        var grain = silo.Grain<IFailingActivationGrain>(Key());

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var error = await grain.Invoking(g => g.PingAsync()).Should().ThrowAsync<InvalidOperationException>();
            error.Which.Message.Should().StartWith("activation refused");
        }

        silo.Runtime.ActivationCount.Should().Be(0);
    }

    [Fact]
    public async Task Deactivate_on_idle_gives_the_next_call_a_fresh_activation()
    {
        var grain = silo.Grain<ICounterGrain>(Key());
        var first = await grain.ActivationIdAsync();
        await grain.IncrementAsync();

        await grain.DeactivateAsync();
        var second = await grain.ActivationIdAsync();

        second.Should().NotBe(first);
        (await grain.CountAsync()).Should().Be(0, "in-memory fields do not survive deactivation");
    }

    [Fact]
    public async Task Calls_queued_behind_a_deactivation_are_served_by_the_next_activation()
    {
        var grain = silo.Grain<ICounterGrain>(Key());
        await grain.IncrementAsync();

        var deactivate = grain.DeactivateAsync();
        var following = Enumerable.Range(0, 50).Select(_ => grain.IncrementAsync()).ToArray();
        await deactivate;
        var results = await Task.WhenAll(following);

        results.Max().Should().BeLessThanOrEqualTo(51);
        (await grain.MaxConcurrencySeenAsync()).Should().BeLessThanOrEqualTo(1);
    }

    [Fact]
    public async Task Idle_activations_are_collected()
    {
        var keys = Enumerable.Range(0, 20).Select(_ => Key()).ToArray();
        foreach (var key in keys)
        {
            await silo.Grain<ICounterGrain>(key).EmptyAsync();
        }

        var before = silo.Runtime.ActivationCount;
        var collected = 0;

        // A turn's loop may still be winding down just after its caller got the answer, so collect until all are idle.
        await Eventually.TrueAsync(
            () =>
            {
                collected += silo.Runtime.CollectIdleActivations(TimeSpan.Zero);
                return collected >= 20;
            },
            "all twenty idle activations are collected");
        await silo.Runtime.WhenDeactivationsCompleteAsync();

        silo.Runtime.ActivationCount.Should().BeLessThanOrEqualTo(before - 20);
    }

    [Fact]
    public async Task A_reference_is_usable_from_any_thread_and_for_any_number_of_grains()
    {
        var keys = Enumerable.Range(0, 500).Select(_ => Key()).ToArray();

        await Parallel.ForEachAsync(keys, async (key, _) => await silo.Grain<ICounterGrain>(key).IncrementAsync());

        silo.Runtime.ActivationCount.Should().BeGreaterThanOrEqualTo(500);
        foreach (var key in keys.Take(20))
        {
            (await silo.Grain<ICounterGrain>(key).CountAsync()).Should().Be(1);
        }
    }

    private static string Key() => Guid.NewGuid().ToString("N");
}
