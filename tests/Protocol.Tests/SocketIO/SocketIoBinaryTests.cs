using SocketIo.Protocol.SocketIO;
using static SocketIo.Protocol.Tests.SocketIO.Wire;

namespace SocketIo.Protocol.Tests.SocketIO;

public sealed class SocketIoBinaryTests
{
    private static readonly byte[] Blob0 = [1, 2, 3, 4];
    private static readonly byte[] Blob1 = [5];
    private static readonly byte[] Blob2 = [6, 7];
    private static readonly byte[] Blob3 = [];

    [Fact]
    public void Builder_replaces_blobs_depth_first_and_switches_to_binary_event()
    {
        var attachments = new List<ReadOnlyMemory<byte>>();
        var text = Write(o =>
        {
            using var b = SocketIoPacketBuilder.CreateEvent("file"u8, attachments);
            b.AddArgument(new FileMessage("f", Blob0, new FileParts(Blob1, [Blob2, Blob3])), TestJsonContext.Default.FileMessage);
            b.AddArgument(new ReadOnlyMemory<byte>(Blob2, 1, 1), TestJsonContext.Default.ReadOnlyMemoryByte);
            Assert.Equal(5, b.AttachmentCount);
            b.WriteTo(o, "/"u8, 3);
        });
        Assert.Equal(
            "55-3[\"file\",{\"Name\":\"f\",\"Data\":{\"_placeholder\":true,\"num\":0},\"Parts\":{\"Head\":{\"_placeholder\":true,\"num\":1},"
            + "\"Chunks\":[{\"_placeholder\":true,\"num\":2},{\"_placeholder\":true,\"num\":3}]}},{\"_placeholder\":true,\"num\":4}]", text);
        Assert.Equal([Blob0, Blob1, Blob2, Blob3, [7]], attachments.Select(a => a.ToArray()));
    }

    [Fact]
    public void Builder_writes_binary_ack()
    {
        var attachments = new List<ReadOnlyMemory<byte>>();
        var text = Write(o =>
        {
            using var b = SocketIoPacketBuilder.CreateAck(attachments);
            b.AddArgument(Blob0, TestJsonContext.Default.ByteArray);
            b.WriteTo(o, "/admin"u8, 15);
        });
        Assert.Equal("61-/admin,15[{\"_placeholder\":true,\"num\":0}]", text);
        Assert.Single(attachments);
    }

    [Fact]
    public void Without_an_attachment_sink_blobs_are_base64()
    {
        var text = Write(o =>
        {
            using var b = SocketIoPacketBuilder.CreateEvent("b"u8);
            b.AddArgument(Blob0, TestJsonContext.Default.ByteArray);
            b.WriteTo(o, "/"u8);
        });
        Assert.Equal("2[\"b\",\"AQIDBA==\"]", text);
    }

    [Fact]
    public void Received_placeholders_deserialize_to_the_attachments()
    {
        var header = Bytes("52-[\"file\",{\"Name\":\"f\",\"Data\":{\"_placeholder\":true,\"num\":1},\"Parts\":{\"Head\":{\"num\":0,\"_placeholder\":true},\"Chunks\":[\"BQ==\",{\"_placeholder\":true,\"num\":1}]}}]");
        Assert.Equal(SocketIoPacketError.None, SocketIoPacketReader.TryRead(header, out var packet));
        ReadOnlyMemory<byte>[] attachments = [Blob0, Blob2];
        var args = packet.GetArguments();
        Assert.True(args.MoveNext());
        var file = SocketIoArguments.Deserialize(args.Current, TestJsonContext.Default.FileMessage, attachments)!;
        Assert.Same(Blob2, file.Data);
        Assert.Equal(Blob0, file.Parts.Head.ToArray());
        Assert.Equal([Blob1, Blob2], file.Parts.Chunks);
    }

    [Fact]
    public void Deserializing_a_placeholder_without_attachments_fails_with_json_exception()
    {
        Assert.Throws<System.Text.Json.JsonException>(() =>
            SocketIoArguments.Deserialize("{\"_placeholder\":true,\"num\":0}"u8, TestJsonContext.Default.ByteArray));
        Assert.Throws<System.Text.Json.JsonException>(() =>
            SocketIoArguments.Deserialize("{\"_placeholder\":true,\"num\":2}"u8, TestJsonContext.Default.ByteArray, [Blob0]));
    }

    [Fact]
    public void Assembler_completes_after_the_announced_attachments()
    {
        using var assembler = new SocketIoBinaryAssembler();
        Assert.Equal(SocketIoAssemblyStatus.AwaitingAttachments,
            assembler.AcceptText(Bytes("52-789[\"m\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]"), out _, out var error));
        Assert.Equal(SocketIoPacketError.None, error);
        Assert.True(assembler.IsAwaitingAttachments);
        Assert.Equal(SocketIoAssemblyStatus.AwaitingAttachments, assembler.AcceptBinary(Blob0, out _, out _));
        Assert.Equal(SocketIoAssemblyStatus.Complete, assembler.AcceptBinary(Blob1, out var packet, out error));
        Assert.Equal(SocketIoPacketError.None, error);
        Assert.Equal(SocketIoPacketType.BinaryEvent, packet.Type);
        Assert.Equal(789, packet.AckId);
        Assert.True(packet.EventNameEquals("m"u8));
        Assert.Equal([Blob0, Blob1], assembler.Attachments.Select(a => a.ToArray()));
        Assert.False(assembler.IsAwaitingAttachments);
    }

    [Fact]
    public void Assembler_rejects_text_between_attachments_and_stray_binary()
    {
        using var assembler = new SocketIoBinaryAssembler();
        Assert.Equal(SocketIoAssemblyStatus.Invalid, assembler.AcceptBinary(Blob0, out _, out var error));
        Assert.Equal(SocketIoPacketError.UnexpectedAttachment, error);
        Assert.Equal(SocketIoAssemblyStatus.AwaitingAttachments, assembler.AcceptText(Bytes("51-[\"up\",{\"_placeholder\":true,\"num\":0}]"), out _, out _));
        Assert.Equal(SocketIoAssemblyStatus.Invalid, assembler.AcceptText(Bytes("2[\"chat\"]"), out _, out error));
        Assert.Equal(SocketIoPacketError.TextWhileAwaitingAttachments, error);
        Assert.Equal(SocketIoAssemblyStatus.Complete, assembler.AcceptText(Bytes("2[\"chat\"]"), out var packet, out _));
        Assert.Equal(SocketIoPacketType.Event, packet.Type);
        Assert.Equal(SocketIoAssemblyStatus.Complete, assembler.AcceptText(Bytes("50-[\"none\"]"), out packet, out _));
        Assert.Equal(SocketIoPacketType.BinaryEvent, packet.Type);
        Assert.Equal(SocketIoAssemblyStatus.Invalid, assembler.AcceptText(Bytes("511-[\"a\"]"), out _, out error));
        Assert.Equal(SocketIoPacketError.TooManyAttachments, error);
    }
}
