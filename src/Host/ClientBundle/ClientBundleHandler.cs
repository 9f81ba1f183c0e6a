using System.Text.Json;
using SocketIo.Engine.Http;
using SocketIo.Protocol.Http;

namespace SocketIo.Host.ClientBundle;

/// <summary>
/// Serves the official Socket.IO browser client (<c>/socket.io/socket.io.js</c>, <c>.min.js</c>, <c>.esm.min.js</c>,
/// <c>.msgpack.min.js</c> and their source maps) the way the Node server's <c>serveClient</c> does: the client's
/// version as a strong ETag, <c>If-None-Match</c> (strong or weak) answered with 304, and
/// <c>Cache-Control: public, max-age=0</c> so browsers revalidate but proxies may keep a copy.
/// </summary>
/// <remarks>
/// The files come from the npm <c>socket.io-client</c> package that the build installs and copies next to the
/// Host (<see cref="DefaultFolder"/>); they are read once, at start.
/// </remarks>
internal sealed class ClientBundleHandler
{
    /// <summary>The output subfolder the build copies the client's <c>dist</c> files and <c>package.json</c> into.</summary>
    public const string DefaultFolder = "socket.io-client";

    private static readonly string[] FileNames =
    [
        "socket.io.js", "socket.io.min.js", "socket.io.esm.min.js", "socket.io.msgpack.min.js",
    ];

    private readonly Dictionary<string, byte[]> _files;
    private readonly byte[] _etag;
    private readonly byte[] _weakEtag;
    private readonly byte[] _prefix;

    private ClientBundleHandler(string version, Dictionary<string, byte[]> files, string mountPath)
    {
        Version = version;
        _files = files;
        _etag = System.Text.Encoding.ASCII.GetBytes($"\"{version}\"");
        _weakEtag = System.Text.Encoding.ASCII.GetBytes($"W/\"{version}\"");
        _prefix = System.Text.Encoding.ASCII.GetBytes(mountPath.EndsWith('/') ? mountPath : mountPath + "/");
    }

    /// <summary>The <c>socket.io-client</c> version served (also the ETag).</summary>
    public string Version { get; }

    /// <summary>
    /// Loads the bundle from <paramref name="folder"/> (its <c>package.json</c> and the dist files), to be served under
    /// <paramref name="mountPath"/> (the Socket.IO path, <c>/socket.io/</c>). Returns null with a reason when the
    /// folder, its version or the main file is missing.
    /// </summary>
    public static ClientBundleHandler? TryLoad(string folder, string mountPath, out string? missingReason)
    {
        var packageJson = Path.Combine(folder, "package.json");
        if (!File.Exists(packageJson) || !File.Exists(Path.Combine(folder, FileNames[0])))
        {
            missingReason = $"{folder} has no socket.io-client files (npm was not available when the Host was built)";
            return null;
        }

        string? version;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(packageJson));
            version = document.RootElement.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        }
        catch (JsonException ex)
        {
            missingReason = $"{packageJson} is not valid JSON: {ex.Message}";
            return null;
        }

        if (string.IsNullOrEmpty(version) || version.AsSpan().ContainsAny("\"\\\r\n"))
        {
            missingReason = $"{packageJson} has no usable version";
            return null;
        }

        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in FileNames)
        {
            foreach (var file in (string[])[name, name + ".map"])
            {
                var path = Path.Combine(folder, file);
                if (File.Exists(path))
                {
                    files[file] = File.ReadAllBytes(path);
                }
            }
        }

        missingReason = null;
        return new ClientBundleHandler(version, files, mountPath);
    }

    /// <summary>The file names served (for the start-up log).</summary>
    public IEnumerable<string> Files => _files.Keys.Order(StringComparer.Ordinal);

    /// <summary>True when <paramref name="path"/> names one of the bundle's files under the mount path.</summary>
    public bool IsMatch(ReadOnlySpan<byte> path) => Find(path) is not null;

    /// <summary>Answers a request for one of the files; false (nothing sent) when the path is not one of them.</summary>
    public bool TryHandle(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.Method is not (HttpRequestMethod.Get or HttpRequestMethod.Head) || Find(request.Path) is not { } name)
        {
            return false;
        }

        if (request.TryGetValue(HttpKnownHeader.IfNoneMatch, out var ifNoneMatch) &&
            (ifNoneMatch.SequenceEqual(_etag) || ifNoneMatch.SequenceEqual(_weakEtag)))
        {
            return context.Respond(304, default, default);
        }

        var isMap = name.EndsWith(".map", StringComparison.Ordinal);
        context.AddHeader("Cache-Control"u8, "public, max-age=0"u8);
        context.AddHeader("ETag"u8, _etag);
        return context.Respond(
            200,
            isMap ? "application/json; charset=utf-8"u8 : "application/javascript; charset=utf-8"u8,
            _files[name]);
    }

    private string? Find(ReadOnlySpan<byte> path)
    {
        if (!path.StartsWith(_prefix))
        {
            return null;
        }

        var rest = path[_prefix.Length..];
        if (rest.Length > 64)
        {
            return null;
        }

        Span<char> chars = stackalloc char[64];
        for (var i = 0; i < rest.Length; i++)
        {
            chars[i] = (char)rest[i];
        }

        var lookup = _files.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.TryGetValue(chars[..rest.Length], out var actual, out _) ? actual : null;
    }
}
