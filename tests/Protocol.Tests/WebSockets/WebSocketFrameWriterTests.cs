using System.Buffers;
using SocketIo.Fuzz;
using SocketIo.Protocol.WebSockets;

namespace SocketIo.Protocol.Tests.WebSockets;

public sealed class WebSocketFrameWriterTests
{
    [Theory]
    [InlineData(0, "8100")]
    [InlineData(125, "817D")]
    [InlineData(126, "817E007E")]
    [InlineData(65535, "817EFFFF")]
    [InlineData(65536, "817F0000000000010000")]
    public void Text_frame_has_the_exact_header_and_payload(int length, string headerHex)
    {
        var payload = Enumerable.Range(0, length).Select(i => (byte)('a' + (i % 26))).ToArray();
        var writer = new ArrayBufferWriter<byte>();
        WebSocketFrameWriter.WriteText(writer, payload);
        var header = Convert.FromHexString(headerHex);
        Assert.Equal([.. header, .. payload], writer.WrittenSpan.ToArray());
        Assert.Equal(header.Length, WebSocketFrameWriter.GetHeaderLength(length));
        Assert.Equal(header.Length + length, WebSocketFrameWriter.GetFrameLength(length));
    }

    [Theory]
    [InlineData(0L, 2)]
    [InlineData(125L, 2)]
    [InlineData(126L, 4)]
    [InlineData(65535L, 4)]
    [InlineData(65536L, 10)]
    [InlineData(long.MaxValue, 10)]
    public void Header_uses_the_minimal_length_form(long length, int headerLength)
    {
        Span<byte> header = stackalloc byte[10];
        Assert.Equal(headerLength, WebSocketFrameWriter.WriteHeader(header, WebSocketOpcode.Binary, length));
        Assert.Equal(0x82, header[0]);
        Assert.Equal(0, header[1] & 0x80); // server frames are never masked
    }

    [Fact]
    public void Non_final_and_control_opcodes_are_encoded()
    {
        var writer = new ArrayBufferWriter<byte>();
        WebSocketFrameWriter.WriteFrame(writer, WebSocketOpcode.Text, "a"u8, isFinal: false);
        WebSocketFrameWriter.WriteFrame(writer, WebSocketOpcode.Continuation, "b"u8);
        WebSocketFrameWriter.WritePing(writer, "p"u8);
        WebSocketFrameWriter.WritePong(writer, []);
        WebSocketFrameWriter.WriteBinary(writer, [7]);
        Assert.Equal("0101618001628901708A00820107", Convert.ToHexString(writer.WrittenSpan));
    }

    [Fact]
    public void Close_frames_with_and_without_code()
    {
        var writer = new ArrayBufferWriter<byte>();
        WebSocketFrameWriter.WriteClose(writer);
        WebSocketFrameWriter.WriteClose(writer, WebSocketCloseCode.MessageTooBig, "too big"u8);
        Assert.Equal("8800" + "8809" + "03F1" + Convert.ToHexString("too big"u8), Convert.ToHexString(writer.WrittenSpan));
        Assert.Equal(11, WebSocketFrameWriter.GetCloseFrameLength(7));
    }

    [Theory]
    [InlineData(1005)]
    [InlineData(1006)]
    [InlineData(1015)]
    [InlineData(999)]
    [InlineData(5000)]
    public void Close_codes_that_must_not_be_sent_are_refused(int code)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WebSocketFrameWriter.WriteClose(new byte[20], (ushort)code, []));
    }

    [Fact]
    public void Oversized_control_payloads_are_refused()
    {
        var writer = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentOutOfRangeException>(() => WebSocketFrameWriter.WritePing(writer, new byte[126]));
        Assert.Throws<ArgumentOutOfRangeException>(() => WebSocketFrameWriter.WriteClose(writer, 1000, new byte[124]));
        WebSocketFrameWriter.WriteClose(writer, 1000, new byte[123]);
        Assert.Equal(2 + 125, writer.WrittenCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(125)]
    [InlineData(126)]
    [InlineData(65536)]
    public void Right_aligned_header_frames_a_payload_written_after_a_reserved_gap(int length)
    {
        var payload = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        var buffer = new byte[WebSocketProtocol.MaxServerHeaderLength + length];
        payload.CopyTo(buffer, WebSocketProtocol.MaxServerHeaderLength);
        var start = WebSocketFrameWriter.WriteHeaderRightAligned(buffer.AsSpan(0, WebSocketProtocol.MaxServerHeaderLength), WebSocketOpcode.Binary, length);

        var expected = new byte[WebSocketFrameWriter.GetFrameLength(length)];
        WebSocketFrameWriter.WriteFrame(expected, WebSocketOpcode.Binary, payload);
        Assert.Equal(expected, buffer[start..]);
    }

    [Fact]
    public void Frame_once_bytes_can_be_shared_and_masked_frames_read_back()
    {
        var payload = "42[\"news\",\"hello\"]"u8.ToArray();
        var frame = new byte[WebSocketFrameWriter.GetFrameLength(payload.Length)];
        Assert.Equal(frame.Length, WebSocketFrameWriter.WriteFrame(frame, WebSocketOpcode.Text, payload));
        Assert.Equal([0x81, (byte)payload.Length, .. payload], frame);

        var masked = ClientFrames.Frame(WebSocketOpcode.Text, payload);
        Assert.Equal([ClientFrames.TextEvent("42[\"news\",\"hello\"]")], WebSocketFrameTranscript.Read(masked, 100));
    }

    [Fact]
    public void Writing_frames_allocates_nothing_once_warm()
    {
        var writer = new ArrayBufferWriter<byte>(1 << 16);
        var payload = new byte[1000];
        Span<byte> frame = stackalloc byte[1010];
        WebSocketFrameWriter.WriteBinary(writer, payload);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 50; i++)
        {
            writer.ResetWrittenCount();
            WebSocketFrameWriter.WriteBinary(writer, payload);
            WebSocketFrameWriter.WritePong(writer, payload.AsSpan(0, 125));
            WebSocketFrameWriter.WriteClose(writer, 1000, "bye"u8);
            WebSocketFrameWriter.WriteFrame(frame, WebSocketOpcode.Text, payload);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
