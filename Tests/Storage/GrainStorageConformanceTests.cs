using Glance.Storage.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace Glance.Tests.Storage;

/// <summary>
/// Orleans' <see cref="IGrainStorage"/> contract as every backend must keep it. Each "silo" is its own service
/// provider registered through the public extension methods, so two silos over one store are two real writers.
/// </summary>
public abstract class GrainStorageConformanceTests : ProviderConformanceTests
{
    protected const string ProviderName = "store";
    private const string StateName = "profile";

    private static readonly GrainId Grain = GrainId.Create("viewer", "v1");

    /// <summary>Registers the backend under <paramref name="name"/>; every call must reach the same backing store.</summary>
    protected abstract void AddStorage(IServiceCollection services, string name, bool deleteStateOnClear);

    [Fact]
    public async Task A_state_never_written_reads_as_a_new_instance_with_no_record_and_no_etag()
    {
        var storage = await NewSiloAsync();

        var state = await ReadAsync<Profile>(storage);

        state.RecordExists.Should().BeFalse();
        state.ETag.Should().BeNull();
        state.State.Should().NotBeNull();
        state.State.Name.Should().BeNull();
    }

    [Fact]
    public async Task A_written_state_reads_back_in_another_silo_with_the_same_etag()
    {
        var writer = await NewSiloAsync();
        var written = await ReadAsync<Profile>(writer);
        written.State = new Profile { Name = "Ada", Visits = 3, Segment = Segment.Sports, Tags = ["f1", "golf"] };

        await writer.WriteStateAsync(StateName, Grain, written, Cancel);

        written.RecordExists.Should().BeTrue();
        written.ETag.Should().NotBeNullOrEmpty();
        var read = await ReadAsync<Profile>(await NewSiloAsync());
        read.RecordExists.Should().BeTrue();
        read.ETag.Should().Be(written.ETag);
        read.State.Should().BeEquivalentTo(written.State);
    }

    [Fact]
    public async Task Each_write_changes_the_etag()
    {
        var storage = await NewSiloAsync();
        var state = await ReadAsync<Profile>(storage);
        state.State.Visits = 1;
        await storage.WriteStateAsync(StateName, Grain, state, Cancel);
        var first = state.ETag;

        state.State.Visits = 2;
        await storage.WriteStateAsync(StateName, Grain, state, Cancel);

        state.ETag.Should().NotBe(first);
        (await ReadAsync<Profile>(storage)).State.Visits.Should().Be(2);
    }

    [Fact]
    public async Task Of_two_silos_writing_from_the_same_read_the_second_gets_an_inconsistent_state_exception()
    {
        var (a, b) = (await NewSiloAsync(), await NewSiloAsync());
        var seed = await ReadAsync<Profile>(a);
        seed.State.Visits = 1;
        await a.WriteStateAsync(StateName, Grain, seed, Cancel);
        var readByA = await ReadAsync<Profile>(a);
        var readByB = await ReadAsync<Profile>(b);

        readByA.State.Visits = 10;
        await a.WriteStateAsync(StateName, Grain, readByA, Cancel);
        readByB.State.Visits = 20;
        var stale = () => b.WriteStateAsync(StateName, Grain, readByB, Cancel);

        var error = (await stale.Should().ThrowAsync<InconsistentStateException>()).Which;
        error.StoredEtag.Should().Be(readByA.ETag);
        error.CurrentEtag.Should().Be(readByB.ETag);
        (await ReadAsync<Profile>(b)).State.Visits.Should().Be(10);
    }

    [Fact]
    public async Task Of_two_silos_creating_the_same_state_at_once_exactly_one_wins()
    {
        var silosForRace = new[] { await NewSiloAsync(), await NewSiloAsync() };
        for (var round = 0; round < 5; round++)
        {
            var grain = GrainId.Create("viewer", $"race-{round}");
            var attempts = silosForRace.Select((silo, i) => Task.Run(async () =>
            {
                var state = new TestGrainState<Profile> { State = new Profile { Name = $"silo-{i}" } };
                try
                {
                    await silo.WriteStateAsync(StateName, grain, state, Cancel);
                    return true;
                }
                catch (InconsistentStateException)
                {
                    return false;
                }
            }));

            (await Task.WhenAll(attempts)).Count(won => won).Should().Be(1);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Clearing_from_a_stale_read_fails_and_keeps_the_newer_state(bool deleteStateOnClear)
    {
        var (a, b) = (await NewSiloAsync(deleteStateOnClear), await NewSiloAsync(deleteStateOnClear));
        var seed = await ReadAsync<Profile>(a);
        seed.State.Name = "first";
        await a.WriteStateAsync(StateName, Grain, seed, Cancel);
        var readByB = await ReadAsync<Profile>(b);
        seed.State.Name = "second";
        await a.WriteStateAsync(StateName, Grain, seed, Cancel);

        var stale = () => b.ClearStateAsync(StateName, Grain, readByB, Cancel);

        await stale.Should().ThrowAsync<InconsistentStateException>();
        var read = await ReadAsync<Profile>(a);
        read.RecordExists.Should().BeTrue();
        read.State.Name.Should().Be("second");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Clearing_resets_the_state_and_the_same_activation_can_write_again(bool deleteStateOnClear)
    {
        var storage = await NewSiloAsync(deleteStateOnClear);
        var state = await ReadAsync<Profile>(storage);
        state.State.Name = "before";
        await storage.WriteStateAsync(StateName, Grain, state, Cancel);

        await storage.ClearStateAsync(StateName, Grain, state, Cancel);

        state.RecordExists.Should().BeFalse();
        state.State.Name.Should().BeNull();
        var afterClear = await ReadAsync<Profile>(await NewSiloAsync(deleteStateOnClear));
        afterClear.RecordExists.Should().BeFalse();
        afterClear.State.Name.Should().BeNull();
        afterClear.ETag.Should().Be(state.ETag, "a reader after the clear holds what the clearing activation holds");
        if (deleteStateOnClear)
        {
            state.ETag.Should().BeNull();
        }

        state.State.Name = "after";
        await storage.WriteStateAsync(StateName, Grain, state, Cancel);
        (await ReadAsync<Profile>(storage)).State.Name.Should().Be("after");
    }

    [Fact]
    public async Task A_row_kept_on_clear_still_fences_off_a_writer_that_read_before_the_clear()
    {
        var (a, b) = (await NewSiloAsync(deleteStateOnClear: false), await NewSiloAsync(deleteStateOnClear: false));
        var seed = await ReadAsync<Profile>(a);
        await a.WriteStateAsync(StateName, Grain, seed, Cancel);
        var readByB = await ReadAsync<Profile>(b);

        await a.ClearStateAsync(StateName, Grain, seed, Cancel);
        var stale = () => b.WriteStateAsync(StateName, Grain, readByB, Cancel);

        await stale.Should().ThrowAsync<InconsistentStateException>();
    }

    [Fact]
    public async Task Clearing_a_state_that_was_never_written_succeeds()
    {
        var storage = await NewSiloAsync(deleteStateOnClear: true);
        var state = await ReadAsync<Profile>(storage);

        await storage.ClearStateAsync(StateName, Grain, state, Cancel);

        state.RecordExists.Should().BeFalse();
    }

    [Fact]
    public async Task A_state_type_that_gained_properties_reads_old_rows_and_old_types_read_new_rows()
    {
        var storage = await NewSiloAsync();
        var old = new TestGrainState<Profile> { State = new Profile { Name = "Ada", Visits = 7 } };
        await storage.WriteStateAsync(StateName, Grain, old, Cancel);

        var upgraded = await ReadAsync<ProfileV2>(storage);

        upgraded.RecordExists.Should().BeTrue();
        upgraded.State.Name.Should().Be("Ada");
        upgraded.State.Visits.Should().Be(7);
        upgraded.State.Locale.Should().Be("en", "a property the row lacks keeps its initializer");
        upgraded.State.Locale = "fr";
        await storage.WriteStateAsync(StateName, Grain, upgraded, Cancel);
        var downgraded = await ReadAsync<Profile>(storage);
        downgraded.State.Name.Should().Be("Ada");
        downgraded.ETag.Should().Be(upgraded.ETag);
    }

    [Fact]
    public async Task States_are_kept_apart_by_state_name_grain_type_and_grain_key()
    {
        var storage = await NewSiloAsync();
        GrainId[] grains = [Grain, GrainId.Create("viewer", "v2"), GrainId.Create("broadcaster", "v1")];
        foreach (var (grain, index) in grains.Select((g, i) => (g, i)))
        {
            await storage.WriteStateAsync(StateName, grain, new TestGrainState<Profile> { State = new Profile { Visits = index } }, Cancel);
        }

        await storage.WriteStateAsync("history", Grain, new TestGrainState<Profile> { State = new Profile { Visits = 99 } }, Cancel);

        foreach (var (grain, index) in grains.Select((g, i) => (g, i)))
        {
            (await ReadAsync<Profile>(storage, grain)).State.Visits.Should().Be(index);
        }

        var history = new TestGrainState<Profile>();
        await storage.ReadStateAsync("history", Grain, history, Cancel);
        history.State.Visits.Should().Be(99);
    }

    [Fact]
    public void The_default_provider_is_also_registered_unkeyed_and_the_validators_accept_the_options()
    {
        var silo = NewSilo(services => AddStorage(services, Orleans.Providers.ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, deleteStateOnClear: false));

        silo.GetRequiredService<IGrainStorage>().Should().BeSameAs(
            silo.GetRequiredKeyedService<IGrainStorage>(Orleans.Providers.ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
        silo.GetServices<ILifecycleParticipant<ISiloLifecycle>>().Should().ContainSingle();
    }

    private async Task<IGrainStorage> NewSiloAsync(bool deleteStateOnClear = false)
    {
        var silo = NewSilo(services => AddStorage(services, ProviderName, deleteStateOnClear));
        var storage = silo.GetRequiredKeyedService<IGrainStorage>(ProviderName);
        await ((StateStoreGrainStorage)storage).InitializeAsync(Cancel);
        return storage;
    }

    private Task<TestGrainState<T>> ReadAsync<T>(IGrainStorage storage) => ReadAsync<T>(storage, Grain);

    private async Task<TestGrainState<T>> ReadAsync<T>(IGrainStorage storage, GrainId grain)
    {
        var state = new TestGrainState<T>();
        await storage.ReadStateAsync(StateName, grain, state, Cancel);
        return state;
    }

    public enum Segment
    {
        None,
        Sports,
        News,
    }

    public class Profile
    {
        public string? Name { get; set; }

        public int Visits { get; set; }

        public Segment Segment { get; set; }

        public List<string> Tags { get; set; } = [];
    }

    /// <summary><see cref="Profile"/> after a release that added a property.</summary>
    public sealed class ProfileV2 : Profile
    {
        public string Locale { get; set; } = "en";
    }
}
