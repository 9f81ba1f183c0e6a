using System.Buffers;
using SocketIo.Protocol.Json;
using SocketIo.Protocol.SocketIO;

namespace SocketIo.Protocol.Tests.SocketIO;

/// <summary>Warm hot paths must not allocate (GC.GetAllocatedBytesForCurrentThread before/after).</summary>
public sealed class SocketIoAllocationTests
{
    private static readonly byte[] Chat = "2/chat,42[\"chat\",\"hello\",{\"n\":1.5,\"t\":[true,null]}]"u8.ToArray();
    private static readonly byte[] Escaped = "2[\"c\\u0068at\",1]"u8.ToArray();
    private static readonly byte[] Binary = "52-[\"up\",{\"_placeholder\":true,\"num\":0},{\"a\":{\"_placeholder\":true,\"num\":1}}]"u8.ToArray();
    private static readonly ChatMessage Message = new("hello é\u2028", 3, 1e21);
    private static readonly byte[] Blob = [1, 2, 3];

    [Fact]
    public void Parsing_event_name_and_arguments_allocate_nothing()
    {
        Assert.Equal(0, Measure(static () =>
        {
            var sum = 0;
            Span<byte> name = stackalloc byte[32];
            foreach (var message in (ReadOnlySpan<byte[]>)[Chat, Escaped, Binary])
            {
                SocketIoPacketReader.TryRead(message, out var packet);
                sum += packet.EventNameEquals("chat"u8) ? 1 : 0;
                packet.TryGetEventName(name, out var length);
                sum += length;
                foreach (var arg in packet.GetArguments())
                {
                    sum += arg.Length;
                }

                sum += packet.RawArguments.Length;
            }

            return sum;
        }));
    }

    [Fact]
    public void Error_results_for_malformed_headers_allocate_nothing()
    {
        Assert.Equal(0, Measure(static () =>
            (int)SocketIoPacketReader.TryRead("511-[\"a\"]"u8, out _) + (int)SocketIoPacketReader.TryRead("2[\"disconnect\"]"u8, out _)
            + (int)SocketIoPacketReader.TryRead("2[]"u8, out _) + (int)SocketIoPacketReader.TryRead("29007199254740992[\"a\"]"u8, out _)));
    }

    [Fact]
    public void Raw_writers_allocate_nothing()
    {
        var output = new ArrayBufferWriter<byte>(4096);
        Assert.Equal(0, Measure(() =>
        {
            output.ResetWrittenCount();
            SocketIoPacketWriter.WriteEvent(output, "/chat"u8, "chat"u8, "\"hello\",{\"n\":1}"u8, 42);
            SocketIoPacketWriter.WriteAck(output, "/"u8, 7, "1,\"2\""u8);
            SocketIoPacketWriter.WriteConnectAccepted(output, "/admin"u8, "oSO0OpakMV_3jnilAAAA"u8);
            SocketIoPacketWriter.WriteDisconnect(output, "/admin"u8);
            SocketIoPacketWriter.WriteEvent(output, "/"u8, "up"u8, "{\"_placeholder\":true,\"num\":0}"u8, attachmentCount: 1);
            return output.WrittenCount;
        }));
    }

    [Fact]
    public void Normalizer_allocates_nothing()
    {
        var output = new ArrayBufferWriter<byte>(4096);
        Assert.Equal(0, Measure(() =>
        {
            output.ResetWrittenCount();
            JsonStringify.Normalize("[\"\\u00e9\\uD83D\\uDE00\",1E+21,0.1,-0,{\"a\":\"\\uD800\"}]"u8, output);
            return output.WrittenCount;
        }));
    }

    [Fact]
    public void Typed_builder_with_source_generated_context_allocates_nothing()
    {
        var output = new ArrayBufferWriter<byte>(4096);
        var attachments = new List<ReadOnlyMemory<byte>>(8);
        Assert.Equal(0, Measure(() =>
        {
            output.ResetWrittenCount();
            attachments.Clear();
            using var builder = SocketIoPacketBuilder.CreateEvent("chat"u8, attachments);
            builder.AddArgument(Message, TestJsonContext.Default.ChatMessage);
            builder.AddArgument(Blob, TestJsonContext.Default.ByteArray);
            builder.AddRawArguments("[1,2]"u8);
            builder.WriteTo(output, "/"u8, 3);
            return output.WrittenCount;
        }));
    }

    private static long Measure(Func<int> action)
    {
        for (var i = 0; i < 10; i++)
        {
            action();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
