using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SocketIo.Browser.Tests;

/// <summary>One browser tab on the chat page, with the steps a person would take.</summary>
internal sealed class ChatPage(IPage page)
{
    /// <summary>How long a step waits for the page to show what it expects.</summary>
    public static readonly LocatorAssertionsToHaveTextOptions Wait = new() { Timeout = 20_000 };

    public IPage Page { get; } = page;

    public ILocator Status => Page.Locator("#status");

    public static async Task<ChatPage> OpenAsync(IBrowserContext context, string url)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        var chat = new ChatPage(page);
        await chat.WaitConnectedAsync();
        return chat;
    }

    public Task WaitConnectedAsync() =>
        Expect(Status).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = Wait.Timeout });

    public Task WaitTransportAsync(string transport) =>
        Expect(Status).ToHaveAttributeAsync("data-transport", transport, new() { Timeout = Wait.Timeout });

    /// <summary>Logs in and waits to be in the lobby.</summary>
    public async Task LoginAsync(string nickname)
    {
        await Page.FillAsync("#nickname", nickname);
        await Page.ClickAsync("#login button");
        await Expect(Page.Locator("#room-title")).ToHaveTextAsync("# lobby", Wait);
    }

    public async Task JoinAsync(string room)
    {
        await Page.FillAsync("#room-name", room);
        await Page.ClickAsync("#join button");
        await Expect(Page.Locator("#room-title")).ToHaveTextAsync("# " + room, Wait);
    }

    /// <summary>Sends a message and waits for its delivery tick (the server's ack).</summary>
    public async Task SendAsync(string text)
    {
        await Page.FillAsync("#text", text);
        await Page.ClickAsync("#send button");
        var mine = Page.Locator("#messages li.mine").Filter(new() { HasText = text });
        await Expect(mine.Locator(".tick.delivered")).ToHaveCountAsync(1, new() { Timeout = Wait.Timeout });
    }

    /// <summary>Waits until a message from <paramref name="from"/> with <paramref name="text"/> is shown.</summary>
    public Task WaitMessageAsync(string from, string text) =>
        Expect(Page.Locator("#messages li.theirs").Filter(new() { HasText = text }).Locator(".from"))
            .ToHaveTextAsync(from, Wait);

    public Task WaitOnlineAsync(params string[] nicknames) =>
        Expect(Page.Locator("#online li")).ToHaveTextAsync(nicknames, new() { Timeout = Wait.Timeout });

    public async Task ScreenshotAsync(string name)
    {
        var folder = Path.Combine(HostProcess.RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png") });
    }
}
