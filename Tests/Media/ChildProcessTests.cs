using System.Diagnostics;
using Glance.Media.Processes;

namespace Glance.Tests.Media;

public sealed class ChildProcessTests
{
    [Fact]
    public async Task Buffers_stdout_and_passes_stdin_without_a_shell()
    {
        var request = new ChildProcessRequest("cat", []) { StandardInput = "hello; rm -rf /"u8.ToArray() };

        var result = await ChildProcess.RunCheckedAsync(request, CancellationToken.None);

        result.ExitCode.Should().Be(0);
        System.Text.Encoding.UTF8.GetString(result.StandardOutput).Should().Be("hello; rm -rf /");
    }

    [Fact]
    public async Task Arguments_are_passed_verbatim_not_interpreted()
    {
        var result = await ChildProcess.RunCheckedAsync(new ChildProcessRequest("echo", ["$HOME", "a b", "`id`"]), CancellationToken.None);

        System.Text.Encoding.UTF8.GetString(result.StandardOutput).Should().Be("$HOME a b `id`\n");
    }

    [Fact]
    public async Task Timeout_kills_the_child_and_says_so()
    {
        var request = new ChildProcessRequest("sleep", ["30"]) { Timeout = TimeSpan.FromMilliseconds(200) };

        var act = () => ChildProcess.RunAsync(request, CancellationToken.None);

        var error = await act.Should().ThrowAsync<ChildProcessTimeoutException>();
        error.Which.Message.Should().Contain("sleep").And.Contain("killed");
        Process.GetProcessesByName("sleep").Should().NotContain(p => p.StartTime > DateTime.Now.AddSeconds(-5) && HasArgument(p, "30"));
    }

    [Fact]
    public async Task Cancellation_kills_the_child_and_surfaces_as_cancellation()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var request = new ChildProcessRequest("sleep", ["31"]) { Timeout = TimeSpan.FromSeconds(30) };

        var act = () => ChildProcess.RunAsync(request, cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task A_missing_tool_gives_a_clear_error_naming_the_setup_script()
    {
        var act = () => ChildProcess.RunAsync(new ChildProcessRequest("no-such-tool-glance", []), CancellationToken.None);

        var error = await act.Should().ThrowAsync<ToolNotFoundException>();
        error.Which.Message.Should().Contain("no-such-tool-glance").And.Contain("scripts/setup");
    }

    [Fact]
    public async Task Stderr_is_bounded_and_delivered_line_by_line()
    {
        var lines = new List<string>();
        var request = new ChildProcessRequest("sh", ["-c", "i=0; while [ $i -lt 2000 ]; do echo line$i >&2; i=$((i+1)); done"])
        {
            MaxStandardErrorTailChars = 100,
            StandardErrorLine = lines.Add,
        };

        var result = await ChildProcess.RunCheckedAsync(request, CancellationToken.None);

        lines.Should().HaveCount(2000);
        lines[^1].Should().Be("line1999");
        result.StandardErrorTail.Length.Should().BeLessThanOrEqualTo(100);
        result.StandardErrorTail.Should().EndWith("line1999\n");
    }

    [Fact]
    public async Task Output_over_the_cap_fails_instead_of_growing()
    {
        var request = new ChildProcessRequest("head", ["-c", "100000", "/dev/zero"]) { MaxBufferedOutputBytes = 1000 };

        var act = () => ChildProcess.RunAsync(request, CancellationToken.None);

        (await act.Should().ThrowAsync<ChildProcessFailedException>()).Which.Message.Should().Contain("1000 bytes");
    }

    [Fact]
    public async Task A_failing_exit_code_is_reported_with_the_last_stderr_line()
    {
        var act = () => ChildProcess.RunCheckedAsync(new ChildProcessRequest("sh", ["-c", "echo first >&2; echo 'it broke' >&2; exit 3"]), CancellationToken.None);

        var error = await act.Should().ThrowAsync<ChildProcessFailedException>();
        error.Which.ExitCode.Should().Be(3);
        error.Which.Message.Should().Contain("it broke");
    }

    private static bool HasArgument(Process process, string argument)
    {
        try
        {
            return File.ReadAllText($"/proc/{process.Id}/cmdline").Split('\0').Contains(argument);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
