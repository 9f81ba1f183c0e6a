using SocketIo.Engine.EngineIO;
using SocketIo.Engine.SocketIO;
using SocketIo.Engine.SocketIO.Connections;
using SocketIo.Engine.SocketIO.EngineIoBridge;
using SocketIo.Engine.Timing;
using SocketIo.Protocol.SocketIO;

namespace SocketIo.Engine.Tests.Interop;

/// <summary>The bridge's send path: a packet is framed once and every session queues the same frames.</summary>
public sealed class EngineIoConnectionTests
{
    [Fact]
    public async Task A_packet_sent_to_many_sessions_is_framed_once_and_shared()
    {
        await using var timers = new TimerWheel();
        await using var engine = new EngineIoServer(new EngineIoOptions(), EngineIoEchoHandler.Instance, timers);
        var sessions = Enumerable.Range(0, 3).Select(i => new EngineIoSession(engine, "s" + i, EngineIoTransports.Polling)).ToArray();
        var connections = sessions.Select(s => new EngineIoConnection(s, new EngineHandshake())).ToArray();

        byte[] blob = [1, 2, 3, 4];
        var arguments = new ObjectArguments(["hi", blob]);
        var packet = PacketEncoder.Event("/", "/"u8.ToArray(), "chat", in arguments, SocketIoPacket.NoAckId, SocketIoJson.DefaultOptions);
        foreach (var connection in connections)
        {
            Assert.True(connection.Send(packet));
        }

        // The frames cached in the packet: the factory would throw if they had to be built again.
        var frames = packet.GetOrCreate<EngineIoPacketFrames, object?>(0, (_, _) => throw new InvalidOperationException("framed twice"), null);
        Assert.Equal("4" + """51-["chat","hi",{"_placeholder":true,"num":0}]""", System.Text.Encoding.UTF8.GetString(frames.Text.Payload));
        Assert.True(Assert.Single(frames.Attachments).IsBinary);
        Assert.Equal(blob, frames.Attachments[0].Payload.ToArray());

        // One reference held by the packet plus one per session.
        var text = frames.Text.Frame!;
        var attachment = frames.Attachments[0].Frame!;
        Assert.Equal(1 + sessions.Length, text.RefCount);
        Assert.Equal(1 + sessions.Length, attachment.RefCount);
        var perSession = frames.Text.PollingLength + frames.Attachments[0].PollingLength;
        Assert.All(sessions, s => Assert.Equal(perSession, s.BufferedBytes));

        // Releasing the packet leaves the queued frames alive; closing the sessions frees them.
        packet.Release();
        Assert.Equal(sessions.Length, text.RefCount);
        foreach (var session in sessions)
        {
            session.Close(EngineIoCloseReason.TransportError);
        }

        Assert.Equal(0, text.RefCount);
        Assert.Equal(0, attachment.RefCount);
    }

    [Fact]
    public async Task Send_to_a_closed_session_reports_false_and_writability_follows_the_session()
    {
        await using var timers = new TimerWheel();
        await using var engine = new EngineIoServer(new EngineIoOptions(), EngineIoEchoHandler.Instance, timers);
        var session = new EngineIoSession(engine, "s", EngineIoTransports.Polling);
        var connection = new EngineIoConnection(session, new EngineHandshake());

        // Polling with no GET waiting: a volatile packet would be dropped.
        Assert.False(connection.IsWritable);
        session.Close(EngineIoCloseReason.TransportError);
        var arguments = new ObjectArguments(["late"]);
        var packet = PacketEncoder.Event("/", "/"u8.ToArray(), "chat", in arguments, SocketIoPacket.NoAckId, SocketIoJson.DefaultOptions);
        try
        {
            Assert.False(connection.Send(packet));
        }
        finally
        {
            packet.Release();
        }
    }
}
