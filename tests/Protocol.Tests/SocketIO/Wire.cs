using System.Buffers;
using System.Text;

namespace SocketIo.Protocol.Tests.SocketIO;

/// <summary>Small helpers to turn writer output into strings and strings into UTF-8.</summary>
internal static class Wire
{
    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);

    public static string Write(Action<ArrayBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return Wire.Text(output.WrittenSpan);
    }
}
