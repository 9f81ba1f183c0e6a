using SocketIo.Protocol.EngineIO;
using static SocketIo.Protocol.Tests.EngineIO.EngineIOTestPackets;

namespace SocketIo.Protocol.Tests.EngineIO;

/// <summary>
/// Malformed Engine.IO input, each with the typed error it must produce. "Message" cases go through
/// <see cref="EngineIOPacketReader.TryReadText"/>, "payload" cases through <see cref="EngineIOPayloadReader"/>;
/// base64 is then decoded, as the engine would, so a bad <c>b...</c> part reports InvalidBase64.
/// </summary>
public sealed class EngineIOMalformedInputTests
{
    private sealed record Case(byte[] Input, bool IsPayload, EngineIOParseError Error, int PacketsBefore);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["message: empty"] = Message(Array.Empty<byte>(), EngineIOParseError.EmptyPacket),
        ["message: type 7"] = Message("7", EngineIOParseError.UnknownPacketType),
        ["message: type 8 with data"] = Message("8hello", EngineIOParseError.UnknownPacketType),
        ["message: type 9"] = Message("9", EngineIOParseError.UnknownPacketType),
        ["message: letter a"] = Message("a", EngineIOParseError.UnknownPacketType),
        ["message: word abc"] = Message("abc", EngineIOParseError.UnknownPacketType),
        ["message: uppercase B base64"] = Message("BAQIDBA==", EngineIOParseError.UnknownPacketType),
        ["message: leading space"] = Message(" 4hello", EngineIOParseError.UnknownPacketType),
        ["message: separator byte"] = Message("\u001e", EngineIOParseError.UnknownPacketType),
        ["message: byte 0xFF first"] = Message(Concat((byte)0xFF, "4"), EngineIOParseError.UnknownPacketType),
        ["message: utf-8 digit lookalike"] = Message("４hello", EngineIOParseError.UnknownPacketType),
        ["message: slash below 0"] = Message("/4", EngineIOParseError.UnknownPacketType),
        ["message: colon above 9"] = Message(":", EngineIOParseError.UnknownPacketType),
        ["message: negative type"] = Message("-1", EngineIOParseError.UnknownPacketType),
        ["message: NUL first"] = Message(Concat((byte)0, "4"), EngineIOParseError.UnknownPacketType),
        ["message: base64 bad chars"] = Message("b!!!!", EngineIOParseError.InvalidBase64),
        ["message: base64 short padding"] = Message("bAQIDBA=", EngineIOParseError.InvalidBase64),
        ["message: base64 unpadded"] = Message("bAQIDBA", EngineIOParseError.InvalidBase64),
        ["message: base64 one char"] = Message("bA", EngineIOParseError.InvalidBase64),
        ["message: v3 b4 prefix"] = Message("b4AQIDBA==", EngineIOParseError.InvalidBase64),
        ["message: base64 extra padding"] = Message("bAQIDBA===", EngineIOParseError.InvalidBase64),
        ["message: base64url alphabet"] = Message("bAQ-_A==", EngineIOParseError.InvalidBase64),
        ["message: base64 only padding"] = Message("b====", EngineIOParseError.InvalidBase64),
        ["message: base64 padding first"] = Message("b=AAA", EngineIOParseError.InvalidBase64),
        ["message: base64 with separator"] = Message("bAQID\u001eBA==", EngineIOParseError.InvalidBase64),
        ["payload: empty body"] = Payload(Array.Empty<byte>(), EngineIOParseError.EmptyPayload, 0),
        ["payload: lone separator"] = Payload("\u001e", EngineIOParseError.EmptyPacket, 0),
        ["payload: two separators"] = Payload("\u001e\u001e", EngineIOParseError.EmptyPacket, 0),
        ["payload: trailing separator"] = Payload("4hello\u001e", EngineIOParseError.EmptyPacket, 1),
        ["payload: leading separator"] = Payload("\u001e4hello", EngineIOParseError.EmptyPacket, 0),
        ["payload: doubled separator"] = Payload("4a\u001e\u001e4b", EngineIOParseError.EmptyPacket, 1),
        ["payload: two trailing separators"] = Payload("4a\u001e\u001e", EngineIOParseError.EmptyPacket, 1),
        ["payload: unknown type after valid"] = Payload("4a\u001e7", EngineIOParseError.UnknownPacketType, 1),
        ["payload: letter after valid"] = Payload("4a\u001e2\u001ex", EngineIOParseError.UnknownPacketType, 2),
        ["payload: v3 length prefix"] = Payload("6:4hello", EngineIOParseError.None, 1),
        ["payload: invalid utf-8 type byte"] = Payload(Concat("4€\u001e", (byte)0xC3, (byte)0xA9), EngineIOParseError.UnknownPacketType, 1),
        ["payload: bad base64 in example"] = Payload("4hello\u001e2\u001ebAQIDBA=", EngineIOParseError.InvalidBase64, 2),
        ["payload: truncated base64 after binary"] = Payload("bAQIDBA==\u001ebAQ", EngineIOParseError.InvalidBase64, 1),
        ["payload: v3 b4 binary"] = Payload("4x\u001eb4AQIDBA==", EngineIOParseError.InvalidBase64, 1),
    };

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Malformed_input_gives_its_typed_error(string name)
    {
        var c = Cases[name];
        var (error, before) = c.IsPayload ? ReadAll(c.Input) : (ReadOne(c.Input), 0);
        Assert.Equal(c.Error, error);
        Assert.Equal(c.PacketsBefore, before);
    }

    [Fact]
    public void Table_has_at_least_thirty_errors()
    {
        Assert.True(Cases.Values.Count(c => c.Error != EngineIOParseError.None) >= 30);
    }

    private static EngineIOParseError ReadOne(byte[] input)
    {
        if (!EngineIOPacketReader.TryReadText(input, out var packet, out var error))
        {
            return error;
        }

        packet.TryDecodeBinary(new byte[packet.GetMaxDecodedLength()], out _, out error);
        return error;
    }

    private static (EngineIOParseError Error, int Before) ReadAll(byte[] input)
    {
        var reader = new EngineIOPayloadReader(input, stackalloc ulong[EngineIOPayloadReader.ScratchLength]);
        var good = 0;
        while (reader.MoveNext())
        {
            var packet = reader.Current;
            if (!packet.TryDecodeBinary(new byte[packet.GetMaxDecodedLength()], out _, out var error))
            {
                return (error, good);
            }

            good++;
        }

        return (reader.Error, good);
    }

    private static Case Message(object input, EngineIOParseError error) =>
        new(Concat(input), IsPayload: false, error, 0);

    private static Case Payload(object input, EngineIOParseError error, int before) =>
        new(Concat(input), IsPayload: true, error, before);
}
