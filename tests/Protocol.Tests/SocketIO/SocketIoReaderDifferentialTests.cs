using System.Text;
using System.Text.Json;
using SocketIo.Protocol.SocketIO;
using SocketIo.Protocol.Tests.Json;

namespace SocketIo.Protocol.Tests.SocketIO;

/// <summary>
/// The JsonValidator-based reader against the earlier Utf8JsonReader-based one (<see cref="LegacyPacketReader"/>):
/// the same error for every input, the same fields for every valid packet, and arguments equal to what
/// JsonDocument finds.
/// </summary>
public sealed class SocketIoReaderDifferentialTests
{
    private static readonly string[] Headers =
    [
        "0", "1", "2", "3", "4", "21", "3/admin,7", "2/é,", "50-", "51-", "52-", "53-12", "61-/x,4", "62-", "611-", "5", "6-", "7",
    ];

    private static readonly string[] Names = ["chat", "c\\u0068at", "connect", "disconnect", "\\u0063onnect", "removeListener", "", "\\ud800", "é"];

    private static readonly string[] Placeholders =
    [
        "{\"_placeholder\":true,\"num\":0}", "{\"_placeholder\":true,\"num\":1}", "{\"_placeholder\":true,\"num\":2}",
        "{\"_placeholder\":true,\"num\":1.0}", "{\"_placeholder\":true,\"num\":1e0}", "{\"_placeholder\":true,\"num\":-0}",
        "{\"_placeholder\":true,\"num\":0.5}", "{\"_placeholder\":true,\"num\":\"0\"}", "{\"_placeholder\":true,\"num\":1e400}",
        "{\"_placeholder\":true}", "{\"_placeholder\":false,\"num\":9}", "{\"num\":1,\"_placeholder\":true}",
        "{\"\\u005fplaceholder\":true,\"n\\u0075m\":1}", "{\"_placeholder\":true,\"num\":5,\"num\":0}",
        "{\"_placeholder\":true,\"num\":{\"num\":0}}", "{\"a\":{\"_placeholder\":true,\"num\":0},\"_placeholder\":true,\"num\":1}",
        "{\"_placeholder\":true,\"num\":2147483647}", "{\"_placeholder\":true,\"num\":00}",
    ];

    [Fact]
    public void New_reader_matches_the_utf8_json_reader_based_one()
    {
        var random = new Random(4242);
        var valid = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var packet = Packet(random);
            valid += Compare(packet) ? 1 : 0;
            for (var m = 0; m < 3; m++)
            {
                valid += Compare(RandomJson.Mutate(packet, random)) ? 1 : 0;
            }
        }

        Assert.True(valid > 4_000, $"only {valid} valid packets");
    }

    private static byte[] Packet(Random random)
    {
        var header = Headers[random.Next(Headers.Length)];
        string payload;
        switch (random.Next(4))
        {
            case 0:
                payload = Encoding.UTF8.GetString(RandomJson.Document(random, maxNesting: 3));
                break;
            case 1:
                payload = string.Empty;
                break;
            default:
                var parts = new List<string>();
                if (random.Next(4) > 0)
                {
                    parts.Add(random.Next(6) == 0 ? "12" : "\"" + Names[random.Next(Names.Length)] + "\"");
                }

                var count = random.Next(12);
                for (var a = 0; a < count; a++)
                {
                    parts.Add(random.Next(3) == 0
                        ? Placeholders[random.Next(Placeholders.Length)]
                        : Encoding.UTF8.GetString(RandomJson.Document(random, maxNesting: 2)));
                }

                payload = "[" + string.Join(random.Next(4) == 0 ? " , " : ",", parts) + "]";
                break;
        }

        return Encoding.UTF8.GetBytes(header + payload);
    }

    private static bool Compare(byte[] message)
    {
        foreach (var acceptConnectError in (ReadOnlySpan<bool>)[false, true])
        {
            var expected = LegacyPacketReader.TryRead(message, out var legacy, acceptConnectError: acceptConnectError);
            var actual = SocketIoPacketReader.TryRead(message, out var packet, acceptConnectError: acceptConnectError);
            if (expected != actual)
            {
                Assert.Fail($"legacy {expected}, new {actual} on (base64) {Convert.ToBase64String(message)}: {Encoding.UTF8.GetString(message)}");
            }

            if (actual != SocketIoPacketError.None)
            {
                Assert.True(packet.Payload.IsEmpty && packet.Namespace.IsEmpty);
                continue;
            }

            Assert.Equal(legacy.Type, packet.Type);
            Assert.Equal(legacy.AttachmentCount, packet.AttachmentCount);
            Assert.Equal(legacy.Namespace, packet.Namespace.ToArray());
            Assert.Equal(legacy.AckId, packet.AckId);
            Assert.Equal(legacy.Payload, packet.Payload.ToArray());
            CheckArguments(packet);
        }

        return SocketIoPacketReader.TryRead(message, out _, acceptConnectError: true) == SocketIoPacketError.None;
    }

    private static void CheckArguments(SocketIoPacket packet)
    {
        if (!(packet.IsEvent || packet.IsAck))
        {
            return;
        }

        using var document = JsonDocument.Parse(packet.Payload.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        var elements = document.RootElement.EnumerateArray().Select(e => e.GetRawText()).ToList();
        if (packet.IsEvent)
        {
            var name = elements[0];
            Assert.Equal(packet.EventNameIsNumber ? name : name[1..^1], Encoding.UTF8.GetString(packet.RawEventName));
            Assert.Equal(name.Contains('\\', StringComparison.Ordinal), packet.EventNameIsEscaped);
            elements.RemoveAt(0);
        }

        var actual = new List<string>();
        foreach (var argument in packet.GetArguments())
        {
            actual.Add(Encoding.UTF8.GetString(argument));
        }

        Assert.Equal(elements, actual);
        Assert.Equal(elements.Count, packet.GetArguments().Count());
        var raw = Encoding.UTF8.GetString(packet.RawArguments);
        Assert.Equal(elements.Count == 0, raw.Length == 0);
        if (elements.Count > 0)
        {
            Assert.StartsWith(elements[0], raw, StringComparison.Ordinal);
            Assert.EndsWith(elements[^1], raw, StringComparison.Ordinal);
        }
    }
}
