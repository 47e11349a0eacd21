using Glance.Grains.Interfaces.Common;
using Glance.Grains.Interfaces.Gallery;
using Glance.Storage.Memory;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Gallery;

/// <summary>The gallery grains on a real runtime over the in-memory store, without HTTP.</summary>
public sealed class GalleryGrainTests
{
    private const string Tenant = "tenant-a";

    [Fact]
    public async Task A_restarted_silo_rebuilds_the_same_context_from_the_items_and_keeps_the_version()
    {
        var storage = new MemoryStorageProvider();
        var template = Template(120, 48);
        long version;
        await using (var silo = await TestSilo.StartAsync(storage))
        {
            await silo.Grain<ILogoGrain>(Key("crest")).PutAsync(new LogoDefinition("Crest", template));
            await silo.Grain<IPersonGrain>(Key("anna")).PutAsync(new PersonDefinition("Anna", [Descriptor(0.1f), Descriptor(0.2f)]));
            await silo.Grain<ITeamGrain>(Key("reds")).PutAsync(new TeamDefinition("Reds", ["RED"], ["The Reds"], "crest"));
            await silo.Grain<IClassifierGrain>(Key("sport")).PutAsync(new ClassifierDefinition("Sport", Model("football", "tennis")));
            version = await silo.Grain<IGalleryGrain>(Tenant).GetVersionAsync();
        }

        await using var restarted = await TestSilo.StartAsync(storage);
        var gallery = restarted.Grain<IGalleryGrain>(Tenant);

        (await gallery.GetVersionAsync()).Should().Be(version).And.Be(4);
        var context = await gallery.GetSnapshotAsync();
        context.People.Should().ContainSingle().Which.Descriptors.Should().HaveCount(2).And.Subject.First().Should().Equal(Descriptor(0.1f));
        var logo = context.Logos.Should().ContainSingle().Which;
        logo.Name.Should().Be("Crest");
        logo.Template.Width.Should().Be(120);
        logo.Template.Pixels.ToArray().Should().Equal(template.Pixels.ToArray(), "the stored template survives compression exactly");
        context.Teams.Should().ContainSingle().Which.LogoId.Should().Be("crest");
        context.Classifiers.Should().ContainSingle().Which.Model.ToArray().Should().Equal(Model("football", "tennis").Model.ToArray());
        (await gallery.ListAsync(GalleryKind.Person, null, 10)).Should().ContainSingle().Which.Should().BeEquivalentTo(new { Id = "anna", Name = "Anna", Revision = 1 });
    }

    [Fact]
    public async Task A_full_gallery_refuses_a_new_item_before_storing_it_but_still_takes_changes()
    {
        await using var silo = await TestSilo.StartAsync(settings: new Dictionary<string, string?> { ["Gallery:MaxTeams"] = "2" });
        await silo.Grain<ITeamGrain>(Key("a")).PutAsync(Team("A"));
        await silo.Grain<ITeamGrain>(Key("b")).PutAsync(Team("B"));

        var third = () => silo.Grain<ITeamGrain>(Key("c")).PutAsync(Team("C"));

        (await third.Should().ThrowAsync<ResourceConflictException>()).Which.Message.Should().Contain("most allowed (2)");
        (await silo.Grain<ITeamGrain>(Key("c")).GetAsync()).Should().BeNull();
        (await silo.Grain<ITeamGrain>(Key("a")).PutAsync(Team("A renamed"))).Created.Should().BeFalse();
        (await silo.Grain<IGalleryGrain>(Tenant).GetSnapshotAsync()).Teams.Select(t => t.Name).Should().Equal("A renamed", "B");
    }

    [Fact]
    public async Task Items_check_their_own_rules()
    {
        await using var silo = await TestSilo.StartAsync();

        var shortDescriptor = () => silo.Grain<IPersonGrain>(Key("p")).PutAsync(new PersonDefinition("P", [new float[64]]));
        var notFinite = () => silo.Grain<IPersonGrain>(Key("p")).PutAsync(new PersonDefinition("P", [Enumerable.Repeat(float.NaN, 128).ToArray()]));
        var hugeLogo = () => silo.Grain<ILogoGrain>(Key("l")).PutAsync(new LogoDefinition("L", Template(400, 400)));
        var oneClass = () => silo.Grain<IClassifierGrain>(Key("c")).PutAsync(new ClassifierDefinition("C", Model("only")));
        var missing = () => silo.Grain<ITeamGrain>(Key("nobody")).DeleteAsync();

        (await shortDescriptor.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey("images");
        await notFinite.Should().ThrowAsync<ValidationFailedException>();
        (await hugeLogo.Should().ThrowAsync<ValidationFailedException>()).Which.Message.Should().Contain("160,000 pixels");
        await oneClass.Should().ThrowAsync<ValidationFailedException>();
        await missing.Should().ThrowAsync<ResourceNotFoundException>();
        (await silo.Grain<IGalleryGrain>(Tenant).GetVersionAsync()).Should().Be(0, "nothing was stored");
    }

    [Fact]
    public async Task A_deleted_item_created_anew_replaces_the_old_one_in_the_context()
    {
        await using var silo = await TestSilo.StartAsync();
        var gallery = silo.Grain<IGalleryGrain>(Tenant);
        await silo.Grain<ITeamGrain>(Key("a")).PutAsync(Team("First"));
        await silo.Grain<ITeamGrain>(Key("a")).PutAsync(Team("First, renamed"));
        (await gallery.GetSnapshotAsync()).Teams.Should().ContainSingle();

        await silo.Grain<ITeamGrain>(Key("a")).DeleteAsync();
        var (team, created) = await silo.Grain<ITeamGrain>(Key("a")).PutAsync(Team("Second"));

        created.Should().BeTrue();
        team.Name.Should().Be("Second");
        (await gallery.GetSnapshotAsync()).Teams.Should().ContainSingle().Which.Name.Should().Be("Second");
        (await gallery.ListAsync(GalleryKind.Team, null, 10)).Should().ContainSingle().Which.Revision.Should().Be(1);
    }

    [Fact]
    public async Task Tenants_have_separate_galleries()
    {
        await using var silo = await TestSilo.StartAsync();

        await silo.Grain<ITeamGrain>("tenant-a/reds").PutAsync(Team("Reds"));
        await silo.Grain<ITeamGrain>("tenant-b/blues").PutAsync(Team("Blues"));

        (await silo.Grain<IGalleryGrain>("tenant-a").GetSnapshotAsync()).Teams.Select(t => t.Id).Should().Equal("reds");
        (await silo.Grain<IGalleryGrain>("tenant-b").GetSnapshotAsync()).Teams.Select(t => t.Id).Should().Equal("blues");
    }

    private static string Key(string id) => ResourceId.Scoped(Tenant, id);

    private static TeamDefinition Team(string name) => new(name, [], [], null);

    private static float[] Descriptor(float seed) => [.. Enumerable.Range(0, 128).Select(i => MathF.Sin(seed * (i + 1)))];

    private static ClassifierModel Model(params string[] classes) =>
        new(classes, Enumerable.Range(0, 64).Select(i => (byte)(i * 7)).ToArray(), classes.ToDictionary(c => c, _ => 3), 1.0);

    /// <summary>A template with some structure, so that it deflates to something but not to nothing.</summary>
    private static LogoPicture Template(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((i / 3 % width * 2) ^ (i / 3 / width * 5) ^ (i % 3 * 60));
        }

        return new LogoPicture(width, height, pixels);
    }
}
