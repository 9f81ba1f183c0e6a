using System.Net;
using SocketIo.Engine.SocketIO;

namespace SocketIo.Engine.Tests.Interop;

/// <summary>
/// Invalid packets written by hand over a real WebSocket or long-polling against the reference app: the offending
/// connection is closed with the reference's reason, and a second connection next to it carries on.
/// </summary>
public sealed class InvalidPacketInteropTests
{
    /// <summary>An Engine.IO binary message, written <c>bin:</c> + hex in the case table.</summary>
    private const string BinaryPrefix = "bin:";

    private static readonly Dictionary<string, (string Reason, string[] Messages)> Cases = new()
    {
        ["not a packet type"] = (SocketIoDisconnectReason.ForcedClose, ["4abc"]),
        ["event payload is an object"] = (SocketIoDisconnectReason.ForcedClose, ["42{}"]),
        ["event payload is an empty array"] = (SocketIoDisconnectReason.ForcedClose, ["42[]"]),
        ["garbage before the payload"] = (SocketIoDisconnectReason.ForcedClose, ["""42abc["x"]"""]),
        ["malformed json"] = (SocketIoDisconnectReason.ForcedClose, ["""42["message",]"""]),
        ["reserved event name"] = (SocketIoDisconnectReason.ForcedClose, ["""42["disconnect"]"""]),
        ["connect payload is an array"] = (SocketIoDisconnectReason.ForcedClose, ["40[]"]),
        ["disconnect with a payload"] = (SocketIoDisconnectReason.ForcedClose, ["41{}"]),
        ["binary without a header"] = (SocketIoDisconnectReason.ForcedClose, [BinaryPrefix + "010203"]),
        ["text instead of an attachment"] = (SocketIoDisconnectReason.ForcedClose, ["""451-["message",{"_placeholder":true,"num":0}]""", """42["message"]"""]),
        ["placeholder out of range"] = (SocketIoDisconnectReason.ForcedClose, ["""451-["message",{"_placeholder":true,"num":1}]""", BinaryPrefix + "01"]),
        ["too many attachments"] = (SocketIoDisconnectReason.ForcedClose, ["""4511-["message"]"""]),
        ["connect error from the client"] = (SocketIoDisconnectReason.ForcedServerClose, ["""44{"message":"x"}"""]),
        ["duplicate connect"] = (SocketIoDisconnectReason.ForcedServerClose, ["40"]),
        ["namespace not joined"] = (SocketIoDisconnectReason.ForcedServerClose, ["""42/custom,["message"]"""]),
        ["engine.io parse error"] = (SocketIoDisconnectReason.ParseError, ["x"]),
    };

    public static TheoryData<string, string> CasesAndTransports
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var name in Cases.Keys)
            {
                data.Add(name, "websocket");
                data.Add(name, "polling");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(CasesAndTransports))]
    public async Task Invalid_packet_closes_only_its_connection(string name, string transport)
    {
        var (reason, messages) = Cases[name];
        await using var server = new ReferenceServer();
        if (transport == "websocket")
        {
            using var bad = await RawSioWebSocket.ConnectAsync(server);
            using var good = await RawSioWebSocket.ConnectAsync(server);
            foreach (var message in messages)
            {
                await (message.StartsWith(BinaryPrefix, StringComparison.Ordinal)
                    ? bad.SendBinaryAsync(Convert.FromHexString(message[BinaryPrefix.Length..]))
                    : bad.SendTextAsync(message));
            }

            Assert.Empty(await bad.ReadUntilClosedAsync());
            Assert.Equal(reason, await server.DisconnectReasonAsync(bad.SocketId));

            await good.SendTextAsync("""42["message","still here"]""");
            Assert.Equal("""42["message-back","still here"]""", await good.ReceiveTextAsync());
            Assert.True(server.Io.Sockets.Sockets.ContainsKey(good.SocketId));
        }
        else
        {
            using var bad = await RawSioPolling.ConnectAsync(server);
            using var good = await RawSioPolling.ConnectAsync(server);
            var body = string.Join('\u001e', messages.Select(m => m.StartsWith(BinaryPrefix, StringComparison.Ordinal)
                ? "b" + Convert.ToBase64String(Convert.FromHexString(m[BinaryPrefix.Length..]))
                : m));
            var (status, _) = await bad.PostAsync(body);

            // A Socket.IO error leaves the Engine.IO packet itself valid ("ok"); an Engine.IO parse error is a 400.
            Assert.Equal(reason == SocketIoDisconnectReason.ParseError ? HttpStatusCode.BadRequest : HttpStatusCode.OK, status);
            Assert.Empty(await bad.ReadUntilClosedAsync());
            Assert.Equal(reason, await server.DisconnectReasonAsync(bad.SocketId));
            Assert.Equal(HttpStatusCode.BadRequest, (await bad.GetAsync()).Status);

            Assert.Equal((HttpStatusCode.OK, "ok"), await good.PostAsync("""42["message","still here"]"""));
            Assert.Equal(["""42["message-back","still here"]"""], await good.ReceiveAsync(1));
            Assert.True(server.Io.Sockets.Sockets.ContainsKey(good.SocketId));
        }
    }
}
