using System.Text.Json;
using SocketIo.Protocol.SocketIO;

namespace SocketIo.Fuzz.Targets;

/// <summary>
/// <c>sio-binary</c>: a sequence of Engine.IO messages separated by 0x1E, each starting with <c>t</c> (text) or
/// <c>b</c> (binary attachment), fed to <see cref="SocketIoBinaryAssembler"/>. Every completed packet's
/// placeholders must resolve to one of its attachments.
/// </summary>
public sealed class SocketIoBinaryTarget : IFuzzTarget
{
    /// <inheritdoc />
    public string Name => "sio-binary";

    /// <inheritdoc />
    public IEnumerable<byte[]> Seeds =>
    [
        .. SocketIoSeeds.PacketBytes.Select(p => (byte[])[(byte)'t', .. p]),
        "t51-[\"up\",{\"_placeholder\":true,\"num\":0}]\u001eb\u0001\u0002"u8.ToArray(),
        "t52-789[\"m\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]\u001eba\u001ebb\u001et2[\"x\"]"u8.ToArray(),
        "t61-/admin,15[{\"_placeholder\":true,\"num\":0}]\u001et2[\"x\"]\u001ebz"u8.ToArray(),
        "bz\u001et2[\"x\"]"u8.ToArray(),
    ];

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> data) => FuzzInvariantException.Guard(data, Check, "the Socket.IO binary decoder");

    private static void Check(ReadOnlySpan<byte> data)
    {
        using var assembler = new SocketIoBinaryAssembler();
        var owned = data.ToArray();
        var start = 0;
        while (start <= owned.Length)
        {
            var end = Array.IndexOf(owned, (byte)0x1E, start);
            end = end < 0 ? owned.Length : end;
            var message = owned.AsMemory(start, end - start);
            start = end + 1;
            if (message.IsEmpty)
            {
                continue;
            }

            var isText = message.Span[0] == 't';
            var status = isText
                ? assembler.AcceptText(message.Span[1..], out var packet, out var error)
                : assembler.AcceptBinary(message[1..], out packet, out error);
            FuzzInvariantException.Check((status == SocketIoAssemblyStatus.Invalid) == (error != SocketIoPacketError.None), "status agrees with error");
            if (status != SocketIoAssemblyStatus.Complete)
            {
                continue;
            }

            FuzzInvariantException.Check(packet.AttachmentCount == assembler.Attachments.Count, "every announced attachment arrived");
            if (packet.IsBinary)
            {
                foreach (var argument in packet.GetArguments())
                {
                    CheckPlaceholders(argument, assembler.Attachments.Count);
                }
            }
        }
    }

    private static void CheckPlaceholders(ReadOnlySpan<byte> json, int attachments)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                continue;
            }

            var start = (int)reader.TokenStartIndex;
            var copy = reader;
            copy.Skip();
            var objectJson = json[start..(int)copy.BytesConsumed];
            if (SocketIoPlaceholder.TryRead(objectJson, out var number))
            {
                FuzzInvariantException.Check(number < attachments, "placeholder refers to an attachment");
            }
        }
    }
}
