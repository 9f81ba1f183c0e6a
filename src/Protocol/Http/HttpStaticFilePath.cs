using System.Buffers;
using System.Text.Unicode;

namespace SocketIo.Protocol.Http;

/// <summary>
/// Maps a raw URL path to a relative file path under a static root, refusing anything that could leave the
/// root, alias a file or expose a hidden one: traversal (<c>..</c>, also percent-encoded), any segment starting
/// with a dot (<c>.</c>, <c>..</c>, <c>.env</c>, <c>.git</c>), backslashes, NUL and
/// other controls, <c>:</c> (drive letters, NTFS streams), empty segments (<c>//</c>, so never absolute), names
/// ending in a dot or space (Windows trims them), and invalid UTF-8. Pure: no file-system access.
/// </summary>
internal static class HttpStaticFilePath
{
    private const int StackLimit = 512;

    /// <summary>Appended when the path names a directory.</summary>
    public static ReadOnlySpan<char> IndexFile => "index.html";

    /// <summary>
    /// Decodes and checks <paramref name="rawPath"/> (<see cref="HttpRequestHead.Path"/>, starting with <c>/</c>)
    /// and writes the relative path with <c>/</c> separators; a directory path gets <see cref="IndexFile"/>.
    /// False when the path is refused or <paramref name="destination"/> is too small.
    /// </summary>
    public static bool TryMap(ReadOnlySpan<byte> rawPath, Span<char> destination, out int written)
    {
        written = 0;
        if (rawPath.IsEmpty || rawPath[0] != (byte)'/')
        {
            return false;
        }

        byte[]? rented = null;
        var decoded = rawPath.Length <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(rawPath.Length));
        try
        {
            HttpPercentDecoding.TryDecode(rawPath[1..], decoded, plusAsSpace: false, out var length);
            return TryMapDecoded(decoded[..length], destination, out written);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Decodes <c>%XX</c> in a raw path (<c>+</c> stays literal); false when <paramref name="destination"/> is too small.</summary>
    public static bool TryDecodePath(ReadOnlySpan<byte> rawPath, Span<byte> destination, out int written)
        => HttpPercentDecoding.TryDecode(rawPath, destination, plusAsSpace: false, out written);

    private static bool TryMapDecoded(ReadOnlySpan<byte> relative, Span<char> destination, out int written)
    {
        written = 0;
        if (Utf8.ToUtf16(relative, destination, out _, out var chars, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            return false;
        }

        var path = destination[..chars];
        foreach (var c in path)
        {
            if (c is '\\' or ':' || char.IsControl(c))
            {
                return false;
            }
        }

        var rest = (ReadOnlySpan<char>)path;
        while (!rest.IsEmpty)
        {
            var slash = rest.IndexOf('/');
            var segment = slash < 0 ? rest : rest[..slash];
            if (segment.IsEmpty || segment[0] == '.' || segment[^1] is '.' or ' ')
            {
                return false;
            }

            rest = slash < 0 ? default : rest[(slash + 1)..];
        }

        if (chars == 0 || path[^1] == '/')
        {
            if (!IndexFile.TryCopyTo(destination[chars..]))
            {
                return false;
            }

            chars += IndexFile.Length;
        }

        written = chars;
        return true;
    }
}
