using System.Buffers;

namespace SocketIo.Fuzz;

/// <summary>Builds multi-segment <see cref="ReadOnlySequence{T}"/>s, as a pipe delivers them, for HTTP codec tests and fuzzing.</summary>
public static class HttpSequences
{
    /// <summary>A sequence over <paramref name="data"/> cut at each of the ascending <paramref name="cuts"/> (each segment its own array).</summary>
    public static ReadOnlySequence<byte> Split(ReadOnlySpan<byte> data, IReadOnlyList<int> cuts)
    {
        ArgumentNullException.ThrowIfNull(cuts);
        if (cuts.Count == 0)
        {
            return new ReadOnlySequence<byte>(data.ToArray());
        }

        Segment? first = null, last = null;
        var start = 0;
        for (var i = 0; i <= cuts.Count; i++)
        {
            var end = i < cuts.Count ? Math.Clamp(cuts[i], start, data.Length) : data.Length;
            var segment = new Segment(data[start..end].ToArray());
            if (first is null)
            {
                first = last = segment;
            }
            else
            {
                last = last!.Append(segment);
            }

            start = end;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    /// <summary>Every byte in its own segment.</summary>
    public static ReadOnlySequence<byte> Bytewise(ReadOnlySpan<byte> data)
        => Split(data, Enumerable.Range(1, Math.Max(0, data.Length - 1)).ToArray());

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] data) => Memory = data;

        public Segment Append(Segment next)
        {
            next.RunningIndex = RunningIndex + Memory.Length;
            Next = next;
            return next;
        }
    }
}
