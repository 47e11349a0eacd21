using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Glance.Grains.Interfaces.Gallery;
using Glance.Tests.Infrastructure;

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

    [Theory]
    [InlineData("Api/Api.csproj")]
    [InlineData("Silo/Silo.csproj")]
    public void A_host_references_libraries_only(string host)
    {
        var references = ProjectReferences(host);

        references.Should().Contain("Hosting/Hosting.csproj", "both hosts configure the silo through the hosting library");
        references.Where(IsExecutable).Should().BeEmpty("a host that references another host's program ships two entry points and their start-up code");
    }

    [Fact]
    public void The_demo_is_referenced_by_the_api_host_alone_and_production_media_holds_none_of_it()
    {
        var projects = Directory.EnumerateFiles(RepositoryPaths.Root, "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(RepositoryPaths.Root, p).Replace('\\', '/'))
            .Where(p => !p.Contains("/bin/", StringComparison.Ordinal) && !p.Contains("/obj/", StringComparison.Ordinal) && !p.StartsWith("node_modules/", StringComparison.Ordinal))
            .ToList();

        projects.Should().Contain("Demo/Demo.csproj");
        projects.Where(p => ProjectReferences(p).Contains("Demo/Demo.csproj")).Should().BeEquivalentTo(
            ["Api/Api.csproj"], "the embedded demo is the Api host's to start; tests and benchmarks reach it through the Api");
        typeof(Glance.Media.Processes.ChildProcess).Assembly.GetTypes()
            .Where(t => t.Namespace?.Contains("Demo", StringComparison.Ordinal) == true).Should().BeEmpty("Media holds only what production needs");
        AssemblyReferences(typeof(Glance.Hosting.SiloRole).Assembly).Should().NotContain("Glance.Demo");
    }

    [Theory]
    [InlineData("Detection/Detection.csproj", new[] { "Media/Media.csproj" })]
    [InlineData("Inference/Inference.csproj", new string[0])]
    [InlineData("Detection.Local/Detection.Local.csproj", new[] { "Detection/Detection.csproj", "Inference/Inference.csproj" })]
    [InlineData("Detection.Rekognition/Detection.Rekognition.csproj", new[] { "Detection/Detection.csproj" })]
    public void Detection_contracts_the_inference_engine_and_each_detector_family_stand_apart(string project, string[] allowed)
    {
        ProjectReferences(project).Should().BeEquivalentTo(allowed, "the contracts know no family, the engine knows no detector, and the two families know only the contracts (and the local one its engine)");
    }

    private static List<string> ProjectReferences(string project)
    {
        var directory = Path.GetDirectoryName(project)!;
        return [.. XDocument.Load(Path.Combine(RepositoryPaths.Root, project)).Descendants("ProjectReference")
            .Select(r => Path.GetRelativePath(RepositoryPaths.Root, Path.GetFullPath(Path.Combine(RepositoryPaths.Root, directory, r.Attribute("Include")!.Value)))
            .Replace('\\', '/'))];
    }

    /// <summary>An executable: an explicit Exe output type, or the web SDK without an explicit library output type.</summary>
    private static bool IsExecutable(string project)
    {
        var document = XDocument.Load(Path.Combine(RepositoryPaths.Root, project));
        var outputType = document.Descendants("OutputType").Select(o => o.Value.Trim()).LastOrDefault();
        var web = document.Root!.Attribute("Sdk")?.Value == "Microsoft.NET.Sdk.Web";
        return outputType is "Exe" or "WinExe" || (web && outputType is null);
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
