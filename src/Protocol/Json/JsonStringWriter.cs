using System.Buffers;

namespace SocketIo.Protocol.Json;

/// <summary>Writes a quoted JSON string the way <c>JSON.stringify</c> does, sized exactly before writing.</summary>
internal static class JsonStringWriter
{
    /// <summary>The exact length of <paramref name="utf8"/> as a quoted JS-escaped string.</summary>
    internal static int GetLength(ReadOnlySpan<byte> utf8)
    {
        var length = utf8.Length + 2;
        var i = utf8.IndexOfAny(JsonEscapes.Utf8BytesToEscape);
        while (i >= 0)
        {
            length += JsonEscapes.EscapedLength(utf8[i]) - 1;
            var next = utf8[(i + 1)..].IndexOfAny(JsonEscapes.Utf8BytesToEscape);
            i = next < 0 ? -1 : i + 1 + next;
        }

        return length;
    }

    /// <summary>Writes <paramref name="utf8"/> quoted and escaped; the destination holds <see cref="GetLength(ReadOnlySpan{byte})"/>.</summary>
    /// <exception cref="ArgumentException">The text is not valid UTF-8.</exception>
    internal static int Write(ReadOnlySpan<byte> utf8, Span<byte> destination)
    {
        destination[0] = (byte)'"';
        var status = JsonStringifyEncoder.Instance.EncodeUtf8(utf8, destination[1..], out _, out var written);
        if (status != OperationStatus.Done)
        {
            throw new ArgumentException("The string is not valid UTF-8.", nameof(utf8));
        }

        destination[written + 1] = (byte)'"';
        return written + 2;
    }

    /// <summary>Writes <paramref name="text"/> as a quoted JS string into <paramref name="output"/> (lone surrogates kept).</summary>
    internal static void Write(ReadOnlySpan<char> text, IBufferWriter<byte> output)
    {
        var length = JsonCharEscaper.GetEscapedLength(text) + 2;
        var destination = output.GetSpan(length);
        destination[0] = (byte)'"';
        JsonCharEscaper.Write(text, destination[1..]);
        destination[length - 1] = (byte)'"';
        output.Advance(length);
    }
}
