using SocketIo.Engine.Transport;

namespace SocketIo.Engine.Tests.Transport;

public sealed class FileDescriptorLimitTests
{
    [Theory]
    [InlineData(10_000, 20_000L, 128, 10_000)] // room enough
    [InlineData(10_000, 1_000L, 128, 872)] // lowered to leave the reserve free
    [InlineData(10_000, 100L, 128, 1)] // never below one
    [InlineData(500, null, 128, 500)] // no limit known
    public void The_connection_cap_leaves_the_reserve_free(int maxConnections, long? softLimit, int reserve, int expected) =>
        Assert.Equal(expected, FileDescriptorLimit.ConnectionCap(maxConnections, softLimit, reserve));

    [Fact]
    public void The_limit_is_read_on_linux_and_raising_it_never_lowers_it()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Null(FileDescriptorLimit.Read());
            return;
        }

        var (soft, hard) = Assert.NotNull(FileDescriptorLimit.Read());
        Assert.InRange(soft, 1, hard);
        Assert.Equal(soft, FileDescriptorLimit.RaiseTo(soft - 1));
    }
}
