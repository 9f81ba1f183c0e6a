using System.Runtime.CompilerServices;
using System.Text.Json;
using SocketIo.Protocol.Json;

namespace SocketIo.Protocol.SocketIO;

/// <summary>
/// Records a payload's <see cref="PayloadShape"/> during the validator's single pass: the root's kind, the
/// first element, and where each top-level element starts and ends. Text packets whose payload is not an array
/// scan with this observer alone (arrays take <see cref="PayloadArrayScanner"/>, which records the same shape);
/// binary packets add the placeholder checks of <see cref="PayloadScanner"/> on top.
/// </summary>
internal ref struct PayloadShapeRecorder : IJsonScanObserver
{
    private readonly ref PayloadShape _shape;

    // The root's kind lives in the shape, but a copy here saves a load through the reference on every value.
    private bool _rootIsArray;

    internal PayloadShapeRecorder(ref PayloadShape shape)
    {
        _shape = ref shape;
        _rootIsArray = false;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnScalar(JsonValueKind kind, int depth, int start, int end, bool escaped)
    {
        // The reference is read once per value: the JIT reloads a ref field after every store through it.
        ref var shape = ref _shape;
        if (depth == 1 && _rootIsArray)
        {
            var index = shape.ElementCount;
            if (index == 0)
            {
                shape.First = kind;
                shape.FirstStart = start;
                shape.FirstIsEscaped = escaped;
            }

            RecordElement(ref shape, index, start, end);
        }
        else if (depth == 0)
        {
            shape.Root = kind;
        }
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnContainerStart(JsonValueKind kind, int depth, int start)
    {
        ref var shape = ref _shape;
        if (depth == 1 && _rootIsArray)
        {
            var index = shape.ElementCount;
            if (index == 0)
            {
                shape.First = kind;
                shape.FirstStart = start;
            }

            if ((uint)index < PayloadShape.RecordedElements)
            {
                shape.ElementStarts[index] = start;
            }
        }
        else if (depth == 0)
        {
            shape.Root = kind;
            shape.ArrayContentStart = start + 1;
            _rootIsArray = kind == JsonValueKind.Array;
        }
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnContainerEnd(JsonValueKind kind, int depth, int end)
    {
        ref var shape = ref _shape;
        if (depth == 1 && _rootIsArray)
        {
            var index = shape.ElementCount;
            RecordElementEnd(ref shape, index, end);
        }
        else if (depth == 0)
        {
            shape.ArrayContentEnd = end - 1;
        }
    }

    /// <inheritdoc />
    public readonly void OnPropertyName(ReadOnlySpan<byte> raw, bool escaped, int depth)
    {
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RecordElement(ref PayloadShape shape, int index, int start, int end)
    {
        if ((uint)index < PayloadShape.RecordedElements)
        {
            shape.ElementStarts[index] = start;
        }

        RecordElementEnd(ref shape, index, end);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RecordElementEnd(ref PayloadShape shape, int index, int end)
    {
        shape.ElementCount = index + 1;
        if (index == 0)
        {
            shape.FirstEnd = end;
        }

        if ((uint)index < PayloadShape.RecordedElements)
        {
            shape.ElementEnds[index] = end;
        }
    }
}
