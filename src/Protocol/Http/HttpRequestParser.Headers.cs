using System.Text;

namespace SocketIo.Protocol.Http;

internal sealed partial class HttpRequestParser
{
    /// <summary>Longest Content-Length accepted before the value is even compared with the body limit (no long overflow).</summary>
    private const int MaxContentLengthDigits = 18;

    /// <summary>
    /// RFC 9112 §5: <c>field-name ":" OWS field-value OWS CRLF</c> lines from <paramref name="position"/> to the
    /// empty line that ends <paramref name="copy"/>, then the framing, persistence and expectation rules.
    /// </summary>
    private HttpParseError ParseHeaders(ReadOnlySpan<byte> copy, int position, HttpRequestHead head)
    {
        var hostCount = 0;
        var hasTransferEncoding = false;
        var contentLength = -1L;
        var badExpectation = false;
        bool close = false, keepAliveToken = false;
        var count = 0;
        var http11 = head.Version == HttpRequestVersion.Http11;

        while (true)
        {
            // The copy ends with CRLF CRLF, so every line below has a CR or LF and position + 1 is in range.
            var first = copy[position];
            if (first == (byte)'\r')
            {
                if (copy[position + 1] != (byte)'\n')
                {
                    return HttpParseError.InvalidLineEnding;
                }

                break;
            }

            if (HttpCharacters.IsWhitespace(first))
            {
                return HttpParseError.ObsoleteLineFolding;
            }

            var remaining = copy[position..];
            var lineLength = remaining.IndexOfAny((byte)'\r', (byte)'\n');
            if (remaining[lineLength] == (byte)'\n' || remaining[lineLength + 1] != (byte)'\n')
            {
                return HttpParseError.InvalidLineEnding;
            }

            var line = remaining[..lineLength];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                return HttpParseError.InvalidHeaderName;
            }

            var name = line[..colon];
            if (name.ContainsAnyExcept(HttpCharacters.Token))
            {
                return HttpCharacters.IsWhitespace(name[^1]) ? HttpParseError.WhitespaceBeforeColon : HttpParseError.InvalidHeaderName;
            }

            var valueStart = colon + 1;
            var valueEnd = lineLength;
            while (valueStart < valueEnd && HttpCharacters.IsWhitespace(line[valueStart]))
            {
                valueStart++;
            }

            while (valueEnd > valueStart && HttpCharacters.IsWhitespace(line[valueEnd - 1]))
            {
                valueEnd--;
            }

            var value = line[valueStart..valueEnd];
            if (value.ContainsAny(HttpCharacters.InvalidFieldValue))
            {
                return HttpParseError.InvalidHeaderValue;
            }

            if (++count > _options.MaxHeaderCount)
            {
                return HttpParseError.TooManyHeaders;
            }

            var known = HttpKnownHeaders.Identify(name);
            head.AddField(new HttpHeaderField(position, colon, position + valueStart, value.Length, known));
            switch (known)
            {
                case HttpKnownHeader.Host:
                    hostCount++;
                    break;
                case HttpKnownHeader.ContentLength:
                    if (!MergeContentLength(value, ref contentLength))
                    {
                        return HttpParseError.InvalidContentLength;
                    }

                    break;
                case HttpKnownHeader.TransferEncoding:
                    hasTransferEncoding = true;
                    break;
                case HttpKnownHeader.Connection:
                    foreach (var token in new HttpTokenList(value))
                    {
                        close |= Ascii.EqualsIgnoreCase(token, "close"u8);
                        keepAliveToken |= Ascii.EqualsIgnoreCase(token, "keep-alive"u8);
                        head.ConnectionUpgrade |= Ascii.EqualsIgnoreCase(token, "upgrade"u8);
                    }

                    break;
                case HttpKnownHeader.Expect when http11:
                    // RFC 9110 §10.1.1: 100-continue is the only expectation; HTTP/1.0 ignores Expect.
                    if (Ascii.EqualsIgnoreCase(value, "100-continue"u8))
                    {
                        head.ExpectContinue = true;
                    }
                    else
                    {
                        badExpectation = true;
                    }

                    break;
            }

            position += lineLength + 2;
        }

        // RFC 9112 §3.2: exactly one Host on HTTP/1.1, at most one on 1.0, and a plausible authority.
        if (hostCount > 1)
        {
            return HttpParseError.DuplicateHost;
        }

        if (hostCount == 0 && http11)
        {
            return HttpParseError.MissingHost;
        }

        if (hostCount == 1 && head.GetValue(HttpKnownHeader.Host).ContainsAnyExcept(HttpCharacters.Authority))
        {
            return HttpParseError.InvalidHost;
        }

        // RFC 9112 §6.1-§6.3 and PROTOCOL.md §5.3 (request smuggling defences).
        if (hasTransferEncoding)
        {
            if (!http11)
            {
                return HttpParseError.TransferEncodingInHttp10;
            }

            if (contentLength >= 0)
            {
                return HttpParseError.ContentLengthWithTransferEncoding;
            }

            var codingError = CheckTransferCodings(head);
            if (codingError != HttpParseError.None)
            {
                return codingError;
            }

            head.Framing = HttpBodyFraming.Chunked;
        }
        else if (contentLength >= 0)
        {
            if (contentLength > _options.MaxRequestBodySize)
            {
                return HttpParseError.BodyTooLarge;
            }

            head.Framing = HttpBodyFraming.ContentLength;
            head.ContentLength = contentLength;
        }

        if (badExpectation)
        {
            return HttpParseError.UnsupportedExpectation;
        }

        head.KeepAlive = !close && (http11 || keepAliveToken);
        return HttpParseError.None;
    }

    /// <summary>Content-Length is 1*DIGIT; repeated fields and list elements must all agree (RFC 9110 §8.6).</summary>
    private static bool MergeContentLength(ReadOnlySpan<byte> value, ref long contentLength)
    {
        if (value.IsEmpty)
        {
            return false;
        }

        while (true)
        {
            var comma = value.IndexOf((byte)',');
            var element = HttpCharacters.TrimWhitespace(comma < 0 ? value : value[..comma]);
            if (element.IsEmpty || element.Length > MaxContentLengthDigits)
            {
                return false;
            }

            var parsed = 0L;
            foreach (var b in element)
            {
                var digit = (uint)(b - '0');
                if (digit > 9)
                {
                    return false;
                }

                parsed = (parsed * 10) + digit;
            }

            if (contentLength >= 0 && contentLength != parsed)
            {
                return false;
            }

            contentLength = parsed;
            if (comma < 0)
            {
                return true;
            }

            value = value[(comma + 1)..];
        }
    }

    /// <summary>
    /// The combined Transfer-Encoding list must be tokens ending in exactly one <c>chunked</c>; other codings
    /// (gzip, deflate, compress, ...) are valid HTTP we do not implement: 501 (RFC 9112 §6.1).
    /// </summary>
    private static HttpParseError CheckTransferCodings(HttpRequestHead head)
    {
        var chunkedCount = 0;
        var lastIsChunked = false;
        var hasOtherCoding = false;
        for (var i = 0; i < head.HeaderCount; i++)
        {
            if (head.GetField(i).Known != HttpKnownHeader.TransferEncoding)
            {
                continue;
            }

            var value = head.GetValue(i);
            while (true)
            {
                var comma = value.IndexOf((byte)',');
                var coding = HttpCharacters.TrimWhitespace(comma < 0 ? value : value[..comma]);
                if (!HttpCharacters.IsToken(coding))
                {
                    // Empty elements, parameters, quoted strings, inner spaces: all refused.
                    return HttpParseError.InvalidTransferEncoding;
                }

                lastIsChunked = Ascii.EqualsIgnoreCase(coding, "chunked"u8);
                if (lastIsChunked)
                {
                    chunkedCount++;
                }
                else
                {
                    hasOtherCoding = true;
                }

                if (comma < 0)
                {
                    break;
                }

                value = value[(comma + 1)..];
            }
        }

        if (chunkedCount != 1 || !lastIsChunked)
        {
            return HttpParseError.InvalidTransferEncoding;
        }

        return hasOtherCoding ? HttpParseError.UnsupportedTransferCoding : HttpParseError.None;
    }
}
