using System.Net.Sockets;
using SocketIo.Engine.Buffers;

namespace SocketIo.Engine.Transport;

/// <summary>
/// Sends a run of queued frames with one gather call. Small frames are copied side by side into a staging
/// buffer (a 64-byte message is cheaper to copy than to pin as its own iovec), large ones go as their own
/// segment without a copy. Pooled by <see cref="SocketSenderPool"/> so idle connections hold none.
/// </summary>
internal sealed class SocketSender : IDisposable
{
    private readonly SocketOperation _operation = new();
    private readonly List<ArraySegment<byte>> _segments;
    private readonly byte[] _staging;
    private readonly int _maxSegments;
    private readonly int _copyThreshold;

    public SocketSender(int maxSegments, int copyThreshold, int stagingSize)
    {
        _maxSegments = maxSegments;
        _copyThreshold = copyThreshold;
        _segments = new List<ArraySegment<byte>>(maxSegments);
        _staging = GC.AllocateUninitializedArray<byte>(stagingSize, pinned: true);
    }

    /// <summary>
    /// Starts one send of as much of <c>frames[index..count)</c> as fits, beginning <paramref name="offset"/>
    /// bytes into <c>frames[index]</c>. <paramref name="plannedBytes"/> is how many bytes the call carries.
    /// </summary>
    public ValueTask<SocketResult> SendAsync(Socket socket, SharedFrame?[] frames, int index, int offset, int count, out int plannedBytes)
    {
        plannedBytes = BuildSegments(frames, index, offset, count);
        if (_segments.Count == 1)
        {
            if (_operation.BufferList is not null)
            {
                _operation.BufferList = null;
            }

            var only = _segments[0];
            _operation.SetBuffer(only.Array, only.Offset, only.Count);
        }
        else
        {
            if (_operation.Buffer is not null)
            {
                _operation.SetBuffer(null, 0, 0);
            }

            // The setter copies the list into the event args, so reusing _segments next time is safe.
            _operation.BufferList = _segments;
        }

        return _operation.SendAsync(socket);
    }

    /// <summary>Drops references to frame arrays so a pooled sender roots nothing.</summary>
    public void Clear()
    {
        _segments.Clear();
        if (_operation.BufferList is not null)
        {
            _operation.BufferList = null;
        }

        if (_operation.Buffer is not null)
        {
            _operation.SetBuffer(null, 0, 0);
        }
    }

    public void Dispose() => _operation.Dispose();

    private int BuildSegments(SharedFrame?[] frames, int index, int offset, int count)
    {
        _segments.Clear();
        var staged = 0;
        var total = 0;
        var lastIsStaging = false;
        for (var i = index; i < count; i++, offset = 0)
        {
            var frame = frames[i]!;
            var length = frame.Length - offset;
            if (length <= _copyThreshold)
            {
                if (staged + length > _staging.Length)
                {
                    break;
                }

                if (!lastIsStaging)
                {
                    if (_segments.Count == _maxSegments)
                    {
                        break;
                    }

                    _segments.Add(new ArraySegment<byte>(_staging, staged, 0));
                    lastIsStaging = true;
                }

                frame.Array.AsSpan(offset, length).CopyTo(_staging.AsSpan(staged));
                staged += length;
                var last = _segments[^1];
                _segments[^1] = new ArraySegment<byte>(_staging, last.Offset, last.Count + length);
            }
            else
            {
                if (_segments.Count == _maxSegments)
                {
                    break;
                }

                _segments.Add(new ArraySegment<byte>(frame.Array, offset, length));
                lastIsStaging = false;
            }

            total += length;
        }

        return total;
    }
}
