using System.Text;

namespace SocketIo.Protocol.Http;

internal sealed partial class HttpRequestParser
{
    /// <summary>
    /// RFC 9112 §3: <c>method SP request-target SP HTTP-version</c> with single spaces. Offsets are stored
    /// relative to <paramref name="line"/>, which is always at offset 0 of the head copy.
    /// </summary>
    private HttpParseError ParseRequestLine(ReadOnlySpan<byte> line, HttpRequestHead head)
    {
        var methodEnd = line.IndexOf((byte)' ');
        if (methodEnd <= 0)
        {
            return HttpParseError.InvalidRequestLine;
        }

        var method = line[..methodEnd];
        if (method.ContainsAnyExcept(HttpCharacters.Token))
        {
            return HttpParseError.InvalidMethod;
        }

        var targetStart = methodEnd + 1;
        var targetLength = line[targetStart..].IndexOf((byte)' ');
        if (targetLength <= 0)
        {
            // No second space (HTTP/0.9 style) or two spaces in a row.
            return HttpParseError.InvalidRequestLine;
        }

        if (targetLength > _options.MaxRequestTargetLength)
        {
            return HttpParseError.UriTooLong;
        }

        var target = line.Slice(targetStart, targetLength);
        var versionError = ParseVersion(line[(targetStart + targetLength + 1)..], head);
        if (versionError != HttpParseError.None)
        {
            return versionError;
        }

        if (target.ContainsAny(HttpCharacters.InvalidTarget))
        {
            return HttpParseError.InvalidTarget;
        }

        var knownMethod = IdentifyMethod(method);
        if (target[0] == (byte)'/')
        {
            head.SetRequestLine(knownMethod, methodEnd, HttpRequestTargetForm.Origin, targetStart, targetLength);
            SetPathAndQuery(head, target, targetStart);
            return HttpParseError.None;
        }

        if (target.Length == 1 && target[0] == (byte)'*')
        {
            if (knownMethod != HttpRequestMethod.Options)
            {
                return HttpParseError.InvalidTarget;
            }

            head.SetRequestLine(knownMethod, methodEnd, HttpRequestTargetForm.Asterisk, targetStart, targetLength);
            head.SetPathAndQuery(targetStart, 1, -1, 0);
            return HttpParseError.None;
        }

        // absolute-form (RFC 9112 §3.2.2); anything else is authority-form or garbage.
        int schemeLength;
        if (StartsWithIgnoreCase(target, "http://"u8))
        {
            schemeLength = 7;
        }
        else if (StartsWithIgnoreCase(target, "https://"u8))
        {
            schemeLength = 8;
        }
        else
        {
            return HttpParseError.InvalidTarget;
        }

        var afterScheme = target[schemeLength..];
        var authorityLength = afterScheme.IndexOfAny((byte)'/', (byte)'?');
        if (authorityLength < 0)
        {
            authorityLength = afterScheme.Length;
        }

        var authority = afterScheme[..authorityLength];
        if (authority.IsEmpty || authority.ContainsAnyExcept(HttpCharacters.Authority))
        {
            // Empty host, or userinfo ('@'), which RFC 9110 §4.2.4 forbids.
            return HttpParseError.InvalidTarget;
        }

        head.SetRequestLine(knownMethod, methodEnd, HttpRequestTargetForm.Absolute, targetStart, targetLength);
        head.SetAuthority(targetStart + schemeLength, authorityLength);
        var pathOffset = schemeLength + authorityLength;
        SetPathAndQuery(head, target[pathOffset..], targetStart + pathOffset);
        return HttpParseError.None;
    }

    private static void SetPathAndQuery(HttpRequestHead head, ReadOnlySpan<byte> pathAndQuery, int start)
    {
        var question = pathAndQuery.IndexOf((byte)'?');
        if (question < 0)
        {
            head.SetPathAndQuery(start, pathAndQuery.Length, -1, 0);
        }
        else
        {
            head.SetPathAndQuery(start, question, start + question + 1, pathAndQuery.Length - question - 1);
        }
    }

    private static HttpParseError ParseVersion(ReadOnlySpan<byte> version, HttpRequestHead head)
    {
        if (version.SequenceEqual("HTTP/1.1"u8))
        {
            head.Version = HttpRequestVersion.Http11;
            return HttpParseError.None;
        }

        if (version.SequenceEqual("HTTP/1.0"u8))
        {
            head.Version = HttpRequestVersion.Http10;
            return HttpParseError.None;
        }

        // A well-formed HTTP-version (RFC 9112 §2.3) we do not speak gets 505; anything else is garbage.
        return version.Length == 8 && version.StartsWith("HTTP/"u8) && char.IsAsciiDigit((char)version[5])
            && version[6] == (byte)'.' && char.IsAsciiDigit((char)version[7])
            ? HttpParseError.UnsupportedVersion
            : HttpParseError.InvalidVersion;
    }

    /// <summary>Methods are case-sensitive (RFC 9110 §9.1): a length switch, then one exact compare.</summary>
    internal static HttpRequestMethod IdentifyMethod(ReadOnlySpan<byte> method) => method.Length switch
    {
        3 when method.SequenceEqual("GET"u8) => HttpRequestMethod.Get,
        3 when method.SequenceEqual("PUT"u8) => HttpRequestMethod.Put,
        4 when method.SequenceEqual("POST"u8) => HttpRequestMethod.Post,
        4 when method.SequenceEqual("HEAD"u8) => HttpRequestMethod.Head,
        5 when method.SequenceEqual("PATCH"u8) => HttpRequestMethod.Patch,
        5 when method.SequenceEqual("TRACE"u8) => HttpRequestMethod.Trace,
        6 when method.SequenceEqual("DELETE"u8) => HttpRequestMethod.Delete,
        7 when method.SequenceEqual("OPTIONS"u8) => HttpRequestMethod.Options,
        7 when method.SequenceEqual("CONNECT"u8) => HttpRequestMethod.Connect,
        _ => HttpRequestMethod.Custom,
    };

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> span, ReadOnlySpan<byte> lowerPrefix)
        => span.Length >= lowerPrefix.Length && Ascii.EqualsIgnoreCase(span[..lowerPrefix.Length], lowerPrefix);
}
