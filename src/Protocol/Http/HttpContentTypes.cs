using System.Text;

namespace SocketIo.Protocol.Http;

/// <summary>Content-Type by file extension for static files (text types carry <c>charset=utf-8</c>).</summary>
internal static class HttpContentTypes
{
    /// <summary>Used for unknown extensions, so browsers never sniff them into something executable.</summary>
    public static ReadOnlySpan<byte> Default => "application/octet-stream"u8;

    /// <summary>The Content-Type for the extension of <paramref name="path"/> (any case), or <see cref="Default"/>.</summary>
    public static ReadOnlySpan<byte> FromPath(ReadOnlySpan<char> path)
    {
        var slash = path.LastIndexOfAny('/', '\\');
        var name = path[(slash + 1)..];
        var dot = name.LastIndexOf('.');
        if (dot < 0 || dot == name.Length - 1)
        {
            return Default;
        }

        var extension = name[(dot + 1)..];
        // "webmanifest" is the longest extension in the table.
        Span<char> lower = stackalloc char[11];
        if (extension.Length > lower.Length
            || Ascii.ToLower(extension, lower, out var length) != System.Buffers.OperationStatus.Done)
        {
            return Default;
        }

        return lower[..length] switch
        {
            "html" or "htm" => "text/html; charset=utf-8"u8,
            "js" or "mjs" or "cjs" => "text/javascript; charset=utf-8"u8,
            "css" => "text/css; charset=utf-8"u8,
            "json" or "map" => "application/json; charset=utf-8"u8,
            "txt" => "text/plain; charset=utf-8"u8,
            "xml" => "application/xml; charset=utf-8"u8,
            "svg" => "image/svg+xml"u8,
            "png" => "image/png"u8,
            "jpg" or "jpeg" => "image/jpeg"u8,
            "gif" => "image/gif"u8,
            "webp" => "image/webp"u8,
            "avif" => "image/avif"u8,
            "ico" => "image/x-icon"u8,
            "wasm" => "application/wasm"u8,
            "woff" => "font/woff"u8,
            "woff2" => "font/woff2"u8,
            "ttf" => "font/ttf"u8,
            "pdf" => "application/pdf"u8,
            "webmanifest" => "application/manifest+json"u8,
            "mp4" => "video/mp4"u8,
            "webm" => "video/webm"u8,
            "mp3" => "audio/mpeg"u8,
            "wav" => "audio/wav"u8,
            _ => Default,
        };
    }
}
