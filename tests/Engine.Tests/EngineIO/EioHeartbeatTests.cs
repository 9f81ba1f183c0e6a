using System.Net;
using SocketIo.Engine.EngineIO;

namespace SocketIo.Engine.Tests.EngineIO;

/// <summary>The v4 heartbeat on a manual clock (PROTOCOL.md 1.8): the server pings, only a pong restarts the cycle.</summary>
public sealed class EioHeartbeatTests
{
    private static readonly EngineIoOptions Fast = new() { PingInterval = TimeSpan.FromMilliseconds(300), PingTimeout = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task Ping_goes_out_after_ping_interval_and_not_before()
    {
        await using var server = new EioTestServer(Fast, manualTime: true);
        var sid = await server.HandshakeAsync();
        server.AdvanceTime(TimeSpan.FromMilliseconds(250));
        Assert.Equal(0, EioAssert.Session(server, sid).BufferedBytes);
        server.AdvanceTime(TimeSpan.FromMilliseconds(100));
        Assert.Equal((HttpStatusCode.OK, "2"), await server.GetAsync(EioTestServer.PollPath(sid)));
    }

    [Fact]
    public async Task Pong_restarts_the_cycle_and_other_traffic_does_not()
    {
        await using var server = new EioTestServer(Fast, manualTime: true);
        server.Handler.Echo = false;
        var sid = await server.HandshakeAsync();
        for (var round = 0; round < 3; round++)
        {
            server.AdvanceTime(TimeSpan.FromMilliseconds(320));
            Assert.Equal("2", (await server.GetAsync(EioTestServer.PollPath(sid))).Body);
            server.AdvanceTime(TimeSpan.FromMilliseconds(150));
            Assert.Equal("ok", (await server.PostAsync(EioTestServer.PollPath(sid), "3")).Body);
        }

        // Messages are not pongs: the next ping's timeout still expires.
        server.AdvanceTime(TimeSpan.FromMilliseconds(320));
        Assert.Equal("2", (await server.GetAsync(EioTestServer.PollPath(sid))).Body);
        Assert.Equal("ok", (await server.PostAsync(EioTestServer.PollPath(sid), "4busy")).Body);
        Assert.True(EioAssert.Session(server, sid).IsOpen);
        server.AdvanceTime(TimeSpan.FromMilliseconds(220));
        Assert.Equal(EngineIoCloseReason.PingTimeout, await server.Handler.NextCloseAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await server.GetAsync(EioTestServer.PollPath(sid))).Status);
    }

    [Fact]
    public async Task Ping_timeout_answers_a_held_poll_with_close()
    {
        await using var server = new EioTestServer(Fast, manualTime: true);
        var sid = await server.HandshakeAsync();
        server.AdvanceTime(TimeSpan.FromMilliseconds(320));
        Assert.Equal("2", (await server.GetAsync(EioTestServer.PollPath(sid))).Body);
        var poll = server.GetAsync(EioTestServer.PollPath(sid));
        await EioAssert.PollHeldAsync(server, sid);
        server.AdvanceTime(TimeSpan.FromMilliseconds(220));
        Assert.Equal((HttpStatusCode.OK, "1"), await poll);
        Assert.Equal(EngineIoCloseReason.PingTimeout, await server.Handler.NextCloseAsync());
        Assert.Equal(0, server.Engine.SessionCount);
    }

    [Fact]
    public async Task Server_close_drain_gives_up_after_the_drain_timeout()
    {
        await using var server = new EioTestServer(Fast with { CloseDrainTimeout = TimeSpan.FromSeconds(1) }, manualTime: true);
        var sid = await server.HandshakeAsync();
        EioAssert.Session(server, sid).Close();
        server.AdvanceTime(TimeSpan.FromMilliseconds(900));
        Assert.Equal(1, server.Engine.SessionCount);
        server.AdvanceTime(TimeSpan.FromMilliseconds(200));
        Assert.Equal(EngineIoCloseReason.ForcedClose, await server.Handler.NextCloseAsync());
        Assert.Equal(0, server.Engine.SessionCount);
    }

    [Fact]
    public async Task Closed_sessions_leave_no_timer_behind()
    {
        await using var server = new EioTestServer(Fast, manualTime: true);
        var sid = await server.HandshakeAsync();
        Assert.Equal("ok", (await server.PostAsync(EioTestServer.PollPath(sid), "1")).Body);
        Assert.Equal(EngineIoCloseReason.TransportClose, await server.Handler.NextCloseAsync());
        server.AdvanceTime(TimeSpan.FromSeconds(5));
        Assert.Equal(1, server.Handler.CloseCounts.Values.Sum());
        Assert.Equal(0, server.Engine.Timers.Count);
    }
}
