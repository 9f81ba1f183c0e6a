using SocketIo.Engine.Buffers;

namespace SocketIo.Engine.Tests.Buffers;

public sealed class SharedFrameTests
{
    [Fact]
    public void Last_release_returns_the_frame_exactly_once()
    {
        var pool = new SharedFramePool();
        var frame = pool.RentCopy("hello"u8);
        Assert.Equal("hello"u8.ToArray(), frame.Span.ToArray());
        frame.AddRef();
        frame.AddRef();
        frame.Release();
        frame.Release();
        Assert.Equal(1, pool.Outstanding);
        frame.Release();
        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(1, pool.TotalReturned);
    }

    [Fact]
    public void Double_release_and_use_after_release_throw()
    {
        var pool = new SharedFramePool();
        var frame = pool.Rent(16);
        frame.Release();
        Assert.Throws<InvalidOperationException>(frame.Release);
        Assert.Equal(1, pool.TotalReturned);
    }

    [Fact]
    public void Writing_past_capacity_grows_and_keeps_content()
    {
        var pool = new SharedFramePool();
        var frame = pool.Rent(4);
        var expected = new byte[10_000];
        new Random(3).NextBytes(expected);
        for (var i = 0; i < expected.Length; i += 1000)
        {
            expected.AsSpan(i, 1000).CopyTo(frame.GetSpan(1000));
            frame.Advance(1000);
        }

        Assert.Equal(expected, frame.Memory.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => frame.Advance(frame.GetSpan().Length + 1));
        frame.Release();
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void Concurrent_holders_release_once()
    {
        var pool = new SharedFramePool();
        for (var round = 0; round < 20; round++)
        {
            var frame = pool.RentCopy([1, 2, 3]);
            const int holders = 64;
            for (var i = 0; i < holders; i++)
            {
                frame.AddRef();
            }

            Parallel.For(0, holders, _ => frame.Release());
            Assert.Equal(1, frame.RefCount);
            frame.Release();
        }

        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(20, pool.TotalReturned);
    }

    [Fact]
    public void Pinned_block_pool_reuses_blocks_and_tracks_rentals()
    {
        using var pool = new PinnedBlockMemoryPool(maxRetainedBlocks: 2);
        var a = pool.Rent();
        var b = pool.Rent(100);
        Assert.Equal(PinnedBlockMemoryPool.BlockSize, a.Memory.Length);
        Assert.Equal(2, pool.Outstanding);
        a.Dispose();
        Assert.Throws<InvalidOperationException>(a.Dispose);
        var c = pool.Rent();
        Assert.Same(a, c);
        b.Dispose();
        c.Dispose();
        Assert.Equal(0, pool.Outstanding);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(PinnedBlockMemoryPool.BlockSize + 1));
    }
}
