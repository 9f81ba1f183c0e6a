using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace SocketIo.Protocol.SocketIO;

/// <summary>What the payload scan learned, so later questions (event name, arguments) need no second scan.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PayloadShape
{
    /// <summary>How many top-level array elements have their offsets recorded in <see cref="ElementStarts"/> and <see cref="ElementEnds"/>.</summary>
    internal const int RecordedElements = 8;

    /// <summary>The shape of an empty payload.</summary>
    internal static readonly PayloadShape Empty;

    /// <summary>The top-level value's kind (Undefined for an empty payload).</summary>
    internal JsonValueKind Root;

    /// <summary>When the root is an array: its first element's kind (Undefined when empty).</summary>
    internal JsonValueKind First;

    /// <summary>Offset of the first element in the payload (its opening quote for a string).</summary>
    internal int FirstStart;

    /// <summary>Offset just after the first element.</summary>
    internal int FirstEnd;

    /// <summary>True when the first element is a string with escapes.</summary>
    internal bool FirstIsEscaped;

    /// <summary>True when the first element is a reserved event name.</summary>
    internal bool FirstIsReserved;

    /// <summary>Offset just after the root array's opening bracket.</summary>
    internal int ArrayContentStart;

    /// <summary>Offset of the root array's closing bracket.</summary>
    internal int ArrayContentEnd;

    /// <summary>How many elements the root array has.</summary>
    internal int ElementCount;

    /// <summary>Offsets of each of the first <see cref="RecordedElements"/> elements of the root array.</summary>
    internal ElementOffsets ElementStarts;

    /// <summary>Offsets just after each of the first <see cref="RecordedElements"/> elements of the root array.</summary>
    internal ElementOffsets ElementEnds;

    /// <summary>
    /// <see cref="ElementStarts"/> followed by <see cref="ElementEnds"/> as one span of
    /// 2 x <see cref="RecordedElements"/> offsets: the two fields are adjacent (sequential layout, no padding
    /// between arrays of ints), and one span lets an enumerator hold them in registers.
    /// </summary>
    internal static ReadOnlySpan<int> RecordedOffsets(ref readonly PayloadShape shape) =>
        MemoryMarshal.CreateReadOnlySpan(in shape.ElementStarts[0], 2 * RecordedElements);

    /// <summary>Inline storage for <see cref="ElementStarts"/> and <see cref="ElementEnds"/>, so the shape stays a plain value.</summary>
    [InlineArray(RecordedElements)]
    internal struct ElementOffsets
    {
        private int _element0;
    }
}
