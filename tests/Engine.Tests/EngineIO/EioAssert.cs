using SocketIo.Engine.EngineIO;
using SocketIo.Engine.Tests.Support;

namespace SocketIo.Engine.Tests.EngineIO;

internal static class EioAssert
{
    /// <summary>Waits (bounded) until <paramref name="condition"/> holds; the state it waits for is set by another thread.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TestHttpServer.Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for: " + what);
            await Task.Delay(5);
        }
    }

    public static Task PollHeldAsync(EioTestServer server, string sid) =>
        EventuallyAsync(() => server.Engine.TryGetSession(sid, out var s) && s.HasPendingPoll, "a held poll");

    public static EngineIoSession Session(EioTestServer server, string sid)
    {
        Assert.True(server.Engine.TryGetSession(sid, out var session), "unknown sid " + sid);
        return session;
    }
}
