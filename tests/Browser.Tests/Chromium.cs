using Microsoft.Playwright;

namespace SocketIo.Browser.Tests;

/// <summary>
/// Debian's Chromium, driven by Playwright: headless, no sandbox, nothing fetched in the background, a fresh profile
/// each time. Playwright never downloads a browser here: the executable is the system one.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    /// <summary>The Chromium the tests use: <c>CHROMIUM_PATH</c>, or Debian's <c>/usr/bin/chromium</c>.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private Chromium(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    /// <summary>The browser's one context (its pages share the fresh profile).</summary>
    public IBrowserContext Context { get; }

    /// <summary>Starts Chromium; fails with a clear message when it is not installed.</summary>
    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ExecutablePath}: run scripts/test.sh as root (it installs Debian's 'chromium'), " +
                "or 'apt-get install chromium', or set CHROMIUM_PATH.");
        }

        var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("sio-chromium-").FullName;
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Flags,
            ViewportSize = new ViewportSize { Width = 1100, Height = 700 },
        });
        return new Chromium(playwright, context, profile);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile as it exits; a leftover temp folder is harmless.
        }
    }
}
