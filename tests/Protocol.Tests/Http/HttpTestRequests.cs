using System.Text;

namespace SocketIo.Protocol.Tests.Http;

/// <summary>Valid requests shared by the parser tests and benchmarks' expectations.</summary>
internal static class HttpTestRequests
{
    public static byte[] Bytes(string s) => Encoding.Latin1.GetBytes(s);

    public const string SimpleGet = "GET /index.html?x=1 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: test\r\n\r\n";

    public const string PostWithBody = "POST /socket.io/?EIO=4&transport=polling&sid=abc HTTP/1.1\r\nHost: localhost:3000\r\n" +
        "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: 11\r\n\r\n42[\"hi\",1]x";

    public const string ChunkedPost = "POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" +
        "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n";

    public const string WebSocketUpgrade = "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n" +
        "Host: localhost:3000\r\nConnection: Upgrade\r\nPragma: no-cache\r\nCache-Control: no-cache\r\n" +
        "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36\r\n" +
        "Upgrade: websocket\r\nOrigin: http://localhost:3000\r\nSec-WebSocket-Version: 13\r\n" +
        "Accept-Encoding: gzip, deflate, br, zstd\r\nAccept-Language: en-US,en;q=0.9\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
        "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n";

    public const string PollingGet = "GET /socket.io/?EIO=4&transport=polling&t=N8hyd6w&sid=lv_VI97HAXpY6yYWAAAC HTTP/1.1\r\n" +
        "Host: localhost:3000\r\nConnection: keep-alive\r\n" +
        "sec-ch-ua: \"Chromium\";v=\"126\", \"Not.A/Brand\";v=\"24\"\r\nsec-ch-ua-mobile: ?0\r\n" +
        "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36\r\n" +
        "sec-ch-ua-platform: \"Linux\"\r\nAccept: */*\r\nOrigin: http://localhost:8080\r\nSec-Fetch-Site: same-site\r\n" +
        "Sec-Fetch-Mode: cors\r\nSec-Fetch-Dest: empty\r\nReferer: http://localhost:8080/\r\n" +
        "Accept-Encoding: gzip, deflate, br, zstd\r\nAccept-Language: en-US,en;q=0.9\r\n" +
        "Cookie: io=lv_VI97HAXpY6yYWAAAC\r\n\r\n";
}
