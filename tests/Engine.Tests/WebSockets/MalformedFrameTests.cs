using SocketIo.Engine.Tests.Support;
using SocketIo.Protocol.Tests.WebSockets;

namespace SocketIo.Engine.Tests.WebSockets;

/// <summary>
/// Every entry of the WebSocket codec's malformed-frame table, sent raw after a valid upgrade: the server
/// fails the connection with exactly the expected Close code, closes TCP, and keeps serving new connections.
/// </summary>
public sealed class MalformedFrameTests
{
    public static TheoryData<string> Cases => [.. MalformedWebSocketFrames.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Malformed_frames_fail_the_connection_with_the_expected_close_code(string name)
    {
        var (_, bytes, closeCode) = MalformedWebSocketFrames.All.Single(c => c.Name == name);
        await using var server = new TestHttpServer();

        using (var bad = await RawConnection.OpenAsync(server.Endpoint))
        {
            await bad.UpgradeAsync();
            await bad.SendAsync(bytes);

            // Valid frames before the bad one are answered first (an echo, a pong); nothing else may precede the Close.
            ServerFrame frame;
            for (var i = 0; ; i++)
            {
                Assert.True(i < 10, "no Close frame");
                frame = await bad.ReadFrameAsync();
                if (frame.IsClose)
                {
                    break;
                }

                Assert.True(frame.Opcode is 1 or 2 or 0xA, $"unexpected opcode {frame.Opcode}");
            }

            Assert.Equal(closeCode, frame.CloseCode);
            Assert.Empty(await bad.ReadToCloseAsync());
        }

        Assert.Equal(closeCode, await server.Application.ClosedCodes.ReadAsync().AsTask().WaitAsync(TestHttpServer.Timeout));
        await HttpAssert.EchoesAsync(server);
    }
}
