using System.Collections.Concurrent;
using System.Threading.Channels;
using SocketIo.Engine.EngineIO;

namespace SocketIo.Engine.Tests.EngineIO;

/// <summary>Echoes like the Host's echo app and records what the server saw, for the tests to await.</summary>
internal sealed class RecordingEngineIoHandler : IEngineIoHandler
{
    public Channel<EngineIoSession> Opened { get; } = Channel.CreateUnbounded<EngineIoSession>();

    public Channel<(EngineIoSession Session, EngineIoCloseReason Reason)> Closed { get; } = Channel.CreateUnbounded<(EngineIoSession, EngineIoCloseReason)>();

    public ConcurrentQueue<(bool IsBinary, byte[] Data)> Messages { get; } = new();

    /// <summary>Whether messages are sent back.</summary>
    public bool Echo { get; set; } = true;

    public ConcurrentDictionary<EngineIoSession, int> CloseCounts { get; } = new();

    public void OnOpen(EngineIoSession session) => Opened.Writer.TryWrite(session);

    public void OnMessage(EngineIoSession session, bool isBinary, ReadOnlySpan<byte> data)
    {
        Messages.Enqueue((isBinary, data.ToArray()));
        if (!isBinary && data.SequenceEqual("close-me"u8))
        {
            session.Close();
        }
        else if (Echo)
        {
            _ = isBinary ? session.SendBinary(data) : session.Send(data);
        }
    }

    public void OnClose(EngineIoSession session, EngineIoCloseReason reason)
    {
        CloseCounts.AddOrUpdate(session, 1, (_, n) => n + 1);
        Closed.Writer.TryWrite((session, reason));
    }

    public async Task<EngineIoCloseReason> NextCloseAsync()
    {
        var (_, reason) = await Closed.Reader.ReadAsync().AsTask().WaitAsync(Support.TestHttpServer.Timeout);
        return reason;
    }
}
