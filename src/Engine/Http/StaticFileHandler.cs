using System.Collections.Concurrent;
using SocketIo.Protocol.Http;

namespace SocketIo.Engine.Http;

/// <summary>
/// Serves files under one folder for GET and HEAD: content type by extension, strong ETag with
/// If-None-Match → 304, no path traversal. Small sites only: file contents are cached in memory and
/// re-read when the file's length or write time changes.
/// </summary>
internal sealed class StaticFileHandler
{
    private const int MaxPathLength = 1024;
    private readonly string _root;
    private readonly ConcurrentDictionary<string, CachedFile> _cache = new(StringComparer.Ordinal);

    /// <summary>Serves the files under <paramref name="root"/>.</summary>
    public StaticFileHandler(string root)
    {
        _root = Path.GetFullPath(root);
    }

    /// <summary>The folder served.</summary>
    public string Root => _root;

    /// <summary>Answers the request if it names a file under the root; returns false otherwise (nothing sent).</summary>
    public bool TryHandle(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.Method is not (HttpRequestMethod.Get or HttpRequestMethod.Head) || request.Path.Length > MaxPathLength)
        {
            return false;
        }

        Span<char> relative = stackalloc char[MaxPathLength + HttpStaticFilePath.IndexFile.Length + 1];
        if (!HttpStaticFilePath.TryMap(request.Path, relative, out var written))
        {
            return false;
        }

        var file = Load(relative[..written].ToString());
        if (file is null)
        {
            return false;
        }

        context.AddHeader("ETag"u8, file.ETag);
        context.AddHeader("Cache-Control"u8, "no-cache"u8);
        if (request.TryGetValue(HttpKnownHeader.IfNoneMatch, out var ifNoneMatch) && HttpETag.IfNoneMatch(ifNoneMatch, file.ETag))
        {
            return context.Respond(304, default, default);
        }

        return context.Respond(200, file.ContentType, file.Content);
    }

    private CachedFile? Load(string relativePath)
    {
        var fullPath = Path.GetFullPath(Path.Combine(_root, relativePath));
        if (!fullPath.StartsWith(_root, StringComparison.Ordinal))
        {
            return null;
        }

        var info = new FileInfo(fullPath);
        if (!info.Exists)
        {
            return null;
        }

        var ticks = info.LastWriteTimeUtc.Ticks;
        if (_cache.TryGetValue(fullPath, out var cached) && cached.Length == info.Length && cached.LastWriteTicks == ticks)
        {
            return cached;
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(fullPath);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        Span<byte> etag = stackalloc byte[HttpETag.MaxLength];
        HttpETag.TryFormat(content.Length, ticks, etag, out var etagLength);
        var entry = new CachedFile(content, info.Length, ticks, etag[..etagLength].ToArray(), HttpContentTypes.FromPath(fullPath).ToArray());
        _cache[fullPath] = entry;
        return entry;
    }

    private sealed record CachedFile(byte[] Content, long Length, long LastWriteTicks, byte[] ETag, byte[] ContentType);
}
