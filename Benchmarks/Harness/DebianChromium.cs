using Microsoft.Playwright;

namespace Glance.Benchmarks.Harness;

/// <summary>
/// Debian's chromium driven by Playwright: the installed browser (scripts/setup installs the package), never one
/// Playwright would download, in a fresh profile, with nothing that phones home. Linked into the tests too.
/// </summary>
public sealed class DebianChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright playwright;
    private readonly string profile;

    private DebianChromium(IPlaywright playwright, IBrowserContext context, string profile)
    {
        this.playwright = playwright;
        Context = context;
        this.profile = profile;
    }

    public IBrowserContext Context { get; }

    /// <summary>The profile folder: every process of this browser has it on its command line.</summary>
    public string Profile => profile;

    public static bool Installed => File.Exists(ExecutablePath);

    /// <summary>Starts the browser with a new profile folder (Playwright passes it as --user-data-dir), deleted on dispose.</summary>
    public static async Task<DebianChromium> LaunchAsync(int width = 1280, int height = 900)
    {
        var profile = Path.Combine(Path.GetTempPath(), $"glance-chromium-{Guid.NewGuid():N}");
        Directory.CreateDirectory(profile);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Arguments,
                ViewportSize = new ViewportSize { Width = width, Height = height },
                Timeout = 60_000,
            });
            return new DebianChromium(playwright, context, profile);
        }
        catch
        {
            playwright.Dispose();
            Directory.Delete(profile, recursive: true);
            throw;
        }
    }

    public async Task<IPage> PageAsync() => Context.Pages.Count > 0 ? Context.Pages[0] : await Context.NewPageAsync();

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        playwright.Dispose();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // The browser may still be letting go of its profile; the temp folder is cleaned by the system.
        }
    }
}
