using System.Net;
using System.Text;
using System.Text.Json;
using SocketIo.Engine.Tests.Support;

namespace SocketIo.Engine.Tests.Interop;

/// <summary>A hand-driven Socket.IO connection over long-polling: raw POST bodies and GET payloads.</summary>
internal sealed class RawSioPolling : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _path;

    private RawSioPolling(ReferenceServer server, string sid)
    {
        _http = new HttpClient { BaseAddress = new Uri(server.BaseUrl), Timeout = TestHttpServer.Timeout };
        _path = "/socket.io/?EIO=4&transport=polling&sid=" + sid;
    }

    /// <summary>The id of the socket joined to <c>/</c>.</summary>
    public string SocketId { get; private set; } = string.Empty;

    /// <summary>Handshakes and joins <c>/</c> (reading the CONNECT reply and the app's <c>auth</c> event).</summary>
    public static async Task<RawSioPolling> ConnectAsync(ReferenceServer server, string extraQuery = "", IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        using var handshakeClient = new HttpClient { BaseAddress = new Uri(server.BaseUrl), Timeout = TestHttpServer.Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/socket.io/?EIO=4&transport=polling" + extraQuery);
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await handshakeClient.SendAsync(request);
        var open = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("0{", open, StringComparison.Ordinal);
        using var handshake = JsonDocument.Parse(open[1..]);
        var client = new RawSioPolling(server, handshake.RootElement.GetProperty("sid").GetString()!);
        Assert.Equal((HttpStatusCode.OK, "ok"), await client.PostAsync("40"));
        var packets = await client.ReceiveAsync(2);
        Assert.StartsWith("40{", packets[0], StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(packets[0][2..]))
        {
            client.SocketId = json.RootElement.GetProperty("sid").GetString()!;
        }

        Assert.Equal("""42["auth",{}]""", packets[1]);
        return client;
    }

    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string payload)
    {
        using var content = new StringContent(payload, Encoding.UTF8, "text/plain");
        using var response = await _http.PostAsync(_path, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<(HttpStatusCode Status, string Body)> GetAsync()
    {
        using var response = await _http.GetAsync(_path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Polls until <paramref name="count"/> packets other than pings and noops came (bounded number of polls).</summary>
    public async Task<List<string>> ReceiveAsync(int count)
    {
        var packets = new List<string>();
        for (var poll = 0; poll < 10 && packets.Count < count; poll++)
        {
            var (status, body) = await GetAsync();
            Assert.Equal(HttpStatusCode.OK, status);
            foreach (var packet in body.Split('\u001e'))
            {
                if (packet == "2")
                {
                    await PostAsync("3");
                }
                else if (packet != "6")
                {
                    packets.Add(packet);
                }
            }
        }

        Assert.True(packets.Count >= count, $"expected {count} packets, got: {string.Join(" | ", packets)}");
        return packets;
    }

    /// <summary>
    /// Polls until the server's close packet <c>1</c> (bounded number of polls) and returns the packets before it; a
    /// session already gone (400) also counts as closed.
    /// </summary>
    public async Task<List<string>> ReadUntilClosedAsync()
    {
        var before = new List<string>();
        for (var poll = 0; poll < 10; poll++)
        {
            var (status, body) = await GetAsync();
            if (status == HttpStatusCode.BadRequest)
            {
                return before;
            }

            Assert.Equal(HttpStatusCode.OK, status);
            foreach (var packet in body.Split('\u001e'))
            {
                if (packet == "1")
                {
                    return before;
                }

                if (packet is not ("6" or "2"))
                {
                    before.Add(packet);
                }
            }
        }

        Assert.Fail("the server did not close the session: " + string.Join(" | ", before));
        return before;
    }

    public void Dispose() => _http.Dispose();
}
