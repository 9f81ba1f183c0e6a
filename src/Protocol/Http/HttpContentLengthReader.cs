using System.Buffers;

namespace SocketIo.Protocol.Http;

/// <summary>
/// Hands out exactly Content-Length body bytes as slices of the input (no copy), across any number of
/// reads, and never past the body, so a pipelined next request stays in the buffer.
/// </summary>
internal struct HttpContentLengthReader
{
    /// <summary>Starts a body of <paramref name="length"/> bytes.</summary>
    public HttpContentLengthReader(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Remaining = length;
    }

    /// <summary>Body bytes still to come.</summary>
    public long Remaining { get; private set; }

    /// <summary>True once every body byte was handed out.</summary>
    public readonly bool IsComplete => Remaining == 0;

    /// <summary>
    /// Returns Data with the next available body bytes (the reader is advanced past them), NeedMoreData when
    /// the input is used up, or Done when the body is complete.
    /// </summary>
    public HttpBodyStatus Read(ref SequenceReader<byte> reader, out ReadOnlySequence<byte> data)
    {
        data = default;
        if (Remaining == 0)
        {
            return HttpBodyStatus.Done;
        }

        var take = Math.Min(Remaining, reader.Remaining);
        if (take == 0)
        {
            return HttpBodyStatus.NeedMoreData;
        }

        data = reader.UnreadSequence.Slice(0, take);
        reader.Advance(take);
        Remaining -= take;
        return HttpBodyStatus.Data;
    }

    /// <summary>Copies all available body bytes to <paramref name="destination"/>; returns Done or NeedMoreData.</summary>
    public HttpBodyStatus CopyTo(ref SequenceReader<byte> reader, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        while (true)
        {
            var status = Read(ref reader, out var data);
            if (status != HttpBodyStatus.Data)
            {
                return status;
            }

            foreach (var segment in data)
            {
                destination.Write(segment.Span);
            }
        }
    }
}
