using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Glance.Grains.Interfaces.Gallery;

namespace Glance.Tests.Architecture;

/// <summary>
/// The rooms of the code, read from the compiled assemblies: the grain contracts stand alone, and the API speaks to
/// the grains only through them. A `using` that crosses a wall fails here, not in a review.
/// </summary>
public sealed class LayeringTests
{
    [Fact]
    public void Grain_contracts_reference_no_project_of_ours()
    {
        var references = AssemblyReferences(typeof(IGalleryGrain).Assembly);

        references.Should().NotContain(r => r.StartsWith("Glance.", StringComparison.Ordinal), "the contracts carry their own records: media and detection types stay behind the grains");
    }

    [Fact]
    public void The_api_uses_grains_only_through_their_contracts()
    {
        var used = TypeReferences(typeof(Program).Assembly);

        used.Should().NotContain(
            t => t.StartsWith("Glance.Grains.", StringComparison.Ordinal) && !t.StartsWith("Glance.Grains.Interfaces.", StringComparison.Ordinal),
            "grain implementations, their options and helpers are the silo's business");
        used.Should().NotContain(t => t.StartsWith("Glance.Detection.", StringComparison.Ordinal), "image work for the gallery runs in a grain");
        used.Should().Contain(t => t.StartsWith("Glance.Grains.Interfaces.", StringComparison.Ordinal), "the check reads real references");
    }

    private static List<string> AssemblyReferences(Assembly assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var metadata = pe.GetMetadataReader();
        return [.. metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name))];
    }

    /// <summary>Full names of every type the assembly refers to in another assembly.</summary>
    private static List<string> TypeReferences(Assembly assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var metadata = pe.GetMetadataReader();
        return [.. metadata.TypeReferences.Select(h => metadata.GetTypeReference(h)).Select(t => $"{metadata.GetString(t.Namespace)}.{metadata.GetString(t.Name)}")];
    }
}
