using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SocketIo.Browser.Tests;

/// <summary>
/// The chat demo in a real browser: Debian's headless Chromium runs the page and the official socket.io-client
/// served by the Host, against the Host running as its own process. Screenshots go to artifacts/screenshots/.
/// </summary>
public sealed class ChatBrowserTests : IAsyncLifetime
{
    private HostProcess _host = null!;
    private Chromium _browser = null!;

    public async Task InitializeAsync()
    {
        _host = await HostProcess.StartAsync();
        _browser = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task TwoPagesInOneRoomExchangeMessagesBothWays()
    {
        var alice = await ChatPage.OpenAsync(_browser.Context, _host.BaseUrl);
        var bob = await ChatPage.OpenAsync(_browser.Context, _host.BaseUrl);
        await alice.LoginAsync("alice");
        await bob.LoginAsync("bob");
        await alice.WaitOnlineAsync("alice", "bob");

        await alice.JoinAsync("dev team");
        await bob.JoinAsync("dev team");
        await alice.WaitOnlineAsync("alice", "bob");

        await alice.SendAsync("hello bob");
        await bob.WaitMessageAsync("alice", "hello bob");

        // Typing shows on the other page only, then the answer comes back the other way.
        await bob.Page.Locator("#text").PressSequentiallyAsync("hi al");
        await Expect(alice.Page.Locator("#typing")).ToHaveTextAsync("bob is typing…", ChatPage.Wait);
        await Expect(bob.Page.Locator("#typing")).ToHaveTextAsync("", ChatPage.Wait);
        await bob.SendAsync("hi alice");
        await alice.WaitMessageAsync("bob", "hi alice");

        // The lobby did not get the room's messages.
        await bob.Page.Locator("#rooms li[data-room='lobby']").ClickAsync();
        await Expect(bob.Page.Locator("#room-title")).ToHaveTextAsync("# lobby", ChatPage.Wait);
        await Expect(bob.Page.Locator("#messages li.theirs")).ToHaveCountAsync(0);

        await alice.ScreenshotAsync("chat-alice");
        await bob.Page.Locator("#rooms li[data-room='dev team']").ClickAsync();
        await bob.ScreenshotAsync("chat-bob");
    }

    [Fact]
    public async Task ServerRejectsBadInputWithAnErrorAndKeepsServing()
    {
        var page = await ChatPage.OpenAsync(_browser.Context, _host.BaseUrl);
        await page.Page.FillAsync("#nickname", "   ");
        await page.Page.ClickAsync("#login button");
        await Expect(page.Page.Locator("#login-error")).ToHaveTextAsync("nickname must not be empty", ChatPage.Wait);

        await page.LoginAsync("  carol  ");
        await page.WaitOnlineAsync("carol");
        // The form's own pattern would stop a person; a script goes straight to the server.
        var reply = await page.Page.EvaluateAsync<string>(
            "() => new Promise(r => io().timeout(5000).emit('join', 'no/slashes', (e, a) => r(JSON.stringify(e ? 'timeout' : a))))");
        Assert.Equal("{\"error\":\"room may only contain letters, digits, spaces, _ and -\"}", reply);
        reply = await page.Page.EvaluateAsync<string>(
            "() => new Promise(r => io().timeout(5000).emit('message', { room: 'lobby', text: 42 }, (e, a) => r(JSON.stringify(e ? 'timeout' : a))))");
        Assert.Equal("{\"error\":\"text must be a string\"}", reply);
        reply = await page.Page.EvaluateAsync<string>(
            "() => new Promise(r => io().timeout(5000).emit('login', 'x'.repeat(33), (e, a) => r(JSON.stringify(e ? 'timeout' : a))))");
        Assert.Equal("{\"error\":\"nickname must be at most 32 characters\"}", reply);

        await page.SendAsync("still here");
    }

    [Fact]
    public async Task PollingOnlyPageTalksToWebSocketPage()
    {
        var polling = await ChatPage.OpenAsync(_browser.Context, _host.BaseUrl + "/?transport=polling");
        var websocket = await ChatPage.OpenAsync(_browser.Context, _host.BaseUrl);
        await polling.WaitTransportAsync("polling");
        await websocket.WaitTransportAsync("websocket");
        await polling.LoginAsync("poller");
        await websocket.LoginAsync("socketeer");
        await polling.WaitOnlineAsync("poller", "socketeer");

        await polling.SendAsync("over long-polling");
        await websocket.WaitMessageAsync("poller", "over long-polling");
        await websocket.SendAsync("over a WebSocket");
        await polling.WaitMessageAsync("socketeer", "over a WebSocket");

        // Still on its transports: the polling page never upgraded.
        await polling.WaitTransportAsync("polling");
        await websocket.WaitTransportAsync("websocket");
        await polling.ScreenshotAsync("chat-polling");
    }

    [Fact]
    public async Task PagesReconnectAfterAServerRestartAndChatAgain()
    {
        var alice = await ChatPage.OpenAsync(_browser.Context, _host.BaseUrl);
        var bob = await ChatPage.OpenAsync(_browser.Context, _host.BaseUrl + "/?transport=polling");
        await alice.LoginAsync("alice");
        await bob.LoginAsync("bob");
        await alice.SendAsync("before the restart");
        await bob.WaitMessageAsync("alice", "before the restart");

        await _host.RestartAsync();

        // Both pages notice, reconnect on their own, log in and join their rooms again.
        await Expect(alice.Page.Locator("#messages li.notice")).ToHaveTextAsync("reconnected", ChatPage.Wait);
        await Expect(bob.Page.Locator("#messages li.notice")).ToHaveTextAsync("reconnected", ChatPage.Wait);
        await alice.WaitConnectedAsync();
        await bob.WaitConnectedAsync();
        await alice.WaitOnlineAsync("alice", "bob");

        await alice.SendAsync("after the restart");
        await bob.WaitMessageAsync("alice", "after the restart");
        await bob.SendAsync("welcome back");
        await alice.WaitMessageAsync("bob", "welcome back");
        await alice.ScreenshotAsync("chat-after-restart");
    }

    [Fact]
    public async Task DashboardShowsTheConnections()
    {
        var alice = await ChatPage.OpenAsync(_browser.Context, _host.BaseUrl);
        await alice.LoginAsync("alice");
        await alice.SendAsync("one");
        await alice.SendAsync("two");

        var dashboard = await _browser.Context.NewPageAsync();
        await dashboard.GotoAsync(_host.BaseUrl + "/dashboard");
        Assert.EndsWith("/dashboard/", dashboard.Url, StringComparison.Ordinal);
        await Expect(dashboard.Locator("#v-connections")).ToHaveAttributeAsync("data-value", "1", new() { Timeout = ChatPage.Wait.Timeout });
        await Expect(dashboard.Locator("#v-rooms")).ToHaveTextAsync("1", ChatPage.Wait);

        // A few samples so the plots have lines.
        for (var i = 0; i < 3; i++)
        {
            await alice.SendAsync("tick " + i);
            await dashboard.WaitForTimeoutAsync(1_000);
        }

        await new ChatPage(dashboard).ScreenshotAsync("dashboard");
    }
}
