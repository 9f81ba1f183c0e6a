using System.Runtime.CompilerServices;
using System.Text.Json;
using SocketIo.Protocol.Json;

namespace SocketIo.Protocol.SocketIO;

/// <summary>
/// Records a payload's <see cref="PayloadShape"/> during the validator's single pass: the root's kind, the
/// first element, and where each top-level element starts and ends. Text packets scan with this observer alone; binary
/// packets add the placeholder checks of <see cref="PayloadScanner"/> on top.
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
        if (depth == 0)
        {
            _shape.Root = kind;
        }
        else if (depth == 1 && _rootIsArray)
        {
            var index = _shape.ElementCount;
            if (index == 0)
            {
                _shape.First = kind;
                _shape.FirstStart = start;
                _shape.FirstIsEscaped = escaped;
            }

            RecordElementStart(index, start);
            RecordElementEnd(index, end);
        }
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnContainerStart(JsonValueKind kind, int depth, int start)
    {
        if (depth == 0)
        {
            _shape.Root = kind;
            _shape.ArrayContentStart = start + 1;
            _rootIsArray = kind == JsonValueKind.Array;
        }
        else if (depth == 1 && _rootIsArray)
        {
            var index = _shape.ElementCount;
            if (index == 0)
            {
                _shape.First = kind;
                _shape.FirstStart = start;
            }

            RecordElementStart(index, start);
        }
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnContainerEnd(JsonValueKind kind, int depth, int end)
    {
        if (depth == 0)
        {
            _shape.ArrayContentEnd = end - 1;
        }
        else if (depth == 1 && _rootIsArray)
        {
            RecordElementEnd(_shape.ElementCount, end);
        }
    }

    /// <inheritdoc />
    public readonly void OnPropertyName(ReadOnlySpan<byte> raw, bool escaped, int depth)
    {
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly void RecordElementStart(int index, int start)
    {
        if (index < PayloadShape.RecordedElements)
        {
            _shape.ElementStarts[index] = start;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly void RecordElementEnd(int index, int end)
    {
        _shape.ElementCount = index + 1;
        if (index == 0)
        {
            _shape.FirstEnd = end;
        }

        if (index < PayloadShape.RecordedElements)
        {
            _shape.ElementEnds[index] = end;
        }
    }
}
