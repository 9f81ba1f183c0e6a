namespace SocketIo.Engine.Timing;

internal sealed partial class TimerWheel
{
    /// <summary>
    /// Walks every slot and throws if a link, slot number, bitmap bit, due tick or the count is inconsistent.
    /// O(pending timers); for tests and diagnostics only.
    /// </summary>
    internal void CheckInvariants()
    {
        lock (_lock)
        {
            var total = 0;
            for (var slot = 0; slot <= OverflowSlot; slot++)
            {
                var level = slot / SlotsPerLevel;
                var index = slot & SlotMask;
                var head = _heads[slot];
                if (level < LevelCount && (head is not null) != ((_occupied[level] & (1UL << index)) != 0))
                {
                    throw new InvalidOperationException($"Bitmap bit of slot {slot} disagrees with its list.");
                }

                TimerEntry? prev = null;
                for (var node = head; node is not null; node = node.Next)
                {
                    if (node.Prev != prev || node.Slot != slot || node.Due <= _now)
                    {
                        throw new InvalidOperationException($"Node in slot {slot} has a bad link, slot or due tick.");
                    }

                    if (level < LevelCount
                        && (((node.Due >> (level * SlotBits)) & SlotMask) != index
                            || (node.Due >> ((level + 1) * SlotBits)) != (_now >> ((level + 1) * SlotBits))))
                    {
                        throw new InvalidOperationException($"Node due {node.Due} is in the wrong slot {slot} at tick {_now}.");
                    }

                    prev = node;
                    total++;
                }
            }

            if (total != _count)
            {
                throw new InvalidOperationException($"Count is {_count} but {total} nodes are linked.");
            }
        }
    }
}
