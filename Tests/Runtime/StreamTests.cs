using System.Collections.Concurrent;
using Glance.Runtime.Streams;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Runtime;

public sealed class StreamTests
{
    [Fact]
    public async Task Each_stream_keeps_its_order_for_implicit_subscribers()
    {
        await using var silo = await TestSilo.StartAsync();
        var provider = silo.Runtime.GetStreamProvider("default");
        var keys = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid().ToString("N")).ToArray();

        // Publish to four streams concurrently; each must arrive in its own order.
        await Task.WhenAll(keys.Select(async key =>
        {
            var stream = provider.GetStream<int>(StreamId.Create("numbers", key));
            for (var i = 0; i < 300; i++)
            {
                await stream.OnNextAsync(i);
            }
        }));

        foreach (var key in keys)
        {
            var sink = silo.Grain<INumberSinkGrain>(key);
            await Eventually.TrueAsync(async () => (await sink.ReceivedAsync()).Count == 300, "all items arrive");
            (await sink.ReceivedAsync()).Should().Equal(Enumerable.Range(0, 300));
            NumberSinkGrain.Overlaps.GetValueOrDefault(key).Should().Be(0, "deliveries are turns of the grain");
        }
    }

    [Fact]
    public async Task An_explicit_subscriber_receives_in_order_and_stops_after_unsubscribing()
    {
        await using var silo = await TestSilo.StartAsync();
        var stream = silo.Runtime.GetStreamProvider("default").GetStream<string>(StreamId.Create("words", "k"));
        var received = new ConcurrentQueue<string>();
        var handle = await stream.SubscribeAsync(word =>
        {
            received.Enqueue(word);
            return Task.CompletedTask;
        });

        foreach (var word in new[] { "a", "b", "c" })
        {
            await stream.OnNextAsync(word);
        }

        await Eventually.TrueAsync(() => received.Count == 3, "three words arrive");
        await handle.UnsubscribeAsync();
        await stream.OnNextAsync("d");
        await Task.Delay(100);

        received.Should().Equal("a", "b", "c");
    }

    [Fact]
    public async Task A_failing_subscriber_does_not_stop_the_stream()
    {
        await using var silo = await TestSilo.StartAsync();
        var stream = silo.Runtime.GetStreamProvider("default").GetStream<int>(StreamId.Create("flaky", "k"));
        var received = new ConcurrentQueue<int>();
        await stream.SubscribeAsync(n => n == 1 ? throw new InvalidOperationException("boom") : Task.CompletedTask);
        await stream.SubscribeAsync(n =>
        {
            received.Enqueue(n);
            return Task.CompletedTask;
        });

        for (var i = 0; i < 3; i++)
        {
            await stream.OnNextAsync(i);
        }

        await Eventually.TrueAsync(() => received.Count == 3, "the healthy subscriber gets every item");
        received.Should().Equal(0, 1, 2);
    }

    [Fact]
    public async Task An_unknown_provider_name_is_a_clear_error()
    {
        await using var silo = await TestSilo.StartAsync();

        var act = () => silo.Runtime.GetStreamProvider("nope");

        act.Should().Throw<KeyNotFoundException>().WithMessage("*nope*default*");
    }
}
