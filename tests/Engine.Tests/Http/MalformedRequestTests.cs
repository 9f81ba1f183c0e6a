using SocketIo.Engine.Tests.Support;
using SocketIo.Protocol.Tests.Http;

namespace SocketIo.Engine.Tests.Http;

/// <summary>
/// Every entry of the HTTP codec's malformed-request table, sent over a real socket: the server answers the
/// expected status with <c>Connection: close</c>, closes the connection, and keeps serving new connections.
/// </summary>
public sealed class MalformedRequestTests
{
    public static TheoryData<string> Cases => [.. MalformedHttpRequests.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Malformed_request_gets_its_status_and_the_connection_closes(string name)
    {
        var (_, request, status) = MalformedHttpRequests.All.Single(c => c.Name == name);
        await using var server = new TestHttpServer();

        using (var bad = await RawConnection.OpenAsync(server.Endpoint))
        {
            await bad.SendAsync(request);
            var response = await bad.ReadResponseAsync();
            Assert.Equal(status, response.Status);
            Assert.True(response.ConnectionHas("close"), "missing Connection: close");
            Assert.Empty(await bad.ReadToCloseAsync());
        }

        await HttpAssert.ServesAsync(server);
    }
}
