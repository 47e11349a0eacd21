using Glance.Storage;
using Glance.Storage.Memory;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Runtime;

public sealed class GrainStateTests
{
    [Fact]
    public async Task State_survives_deactivation_and_reactivation()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Key();
        var grain = silo.Grain<IProfileGrain>(key);
        await grain.SetNameAsync("Ada");
        var firstActivation = await grain.ActivationIdAsync();

        await grain.DeactivateAsync();
        await Eventually.TrueAsync(() => ProfileGrain.Deactivations.GetValueOrDefault(key) == 1, "the grain ran OnDeactivateAsync");

        (await grain.GetNameAsync()).Should().Be("Ada");
        (await grain.ActivationIdAsync()).Should().NotBe(firstActivation);
    }

    [Fact]
    public async Task State_is_stored_under_the_grain_type_name_and_state_name()
    {
        var storage = new MemoryStorageProvider(TimeProvider.System);
        await using var silo = await TestSilo.StartAsync(storage);
        var key = Key();

        await silo.Grain<IProfileGrain>(key).SetNameAsync("Grace");

        var stored = await storage.GrainState.ReadAsync("test-profile.profile", key, CancellationToken.None);
        stored.Should().NotBeNull();
        System.Text.Encoding.UTF8.GetString(stored!.Data.Span).Should().Contain("\"name\":\"Grace\"");
    }

    [Fact]
    public async Task Two_silos_over_one_store_detect_the_conflict_and_the_update_helper_converges()
    {
        // Two runtimes stand in for two silos that both activated the same grain.
        var storage = new MemoryStorageProvider(TimeProvider.System);
        await using var siloA = await TestSilo.StartAsync(storage);
        await using var siloB = await TestSilo.StartAsync(storage);
        var key = Key();
        var onA = siloA.Grain<IProfileGrain>(key);
        var onB = siloB.Grain<IProfileGrain>(key);
        await onA.GetNameAsync();
        await onB.GetNameAsync(); // both activations have read the same (empty) state

        await onA.AddTagBlindlyAsync("from-a");
        var blind = () => onB.AddTagBlindlyAsync("from-b-blind");
        var conflict = await blind.Should().ThrowAsync<InconsistentStateException>();
        conflict.Which.Message.Should().Contain(key);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? onA : onB).AddTagAsync($"t{i}")));

        var finalState = await storage.GrainState.ReadAsync("test-profile.profile", key, CancellationToken.None);
        var tags = Glance.Runtime.State.GrainStateSerializer.Deserialize<ProfileState>(finalState!.Data.Span).Tags;
        tags.Should().Contain("from-a").And.NotContain("from-b-blind");
        tags.Where(t => t.StartsWith('t')).Should().BeEquivalentTo(Enumerable.Range(0, 20).Select(i => $"t{i}"), "no update may be lost");
    }

    private static string Key() => Guid.NewGuid().ToString("N");
}
