using System.Buffers;

namespace SocketIo.Protocol.Http;

/// <summary>
/// Incremental HTTP/1.1 request-head parser (RFC 9112 §2-§7, PROTOCOL.md §5). Stateless and thread-safe;
/// one instance serves every connection. Feed it everything the pipe holds: it answers NeedMoreData
/// (consuming nothing), Done (head copied into the <see cref="HttpRequestHead"/>) or Error (status to answer).
/// </summary>
/// <remarks>
/// Every decision depends only on bytes inside fixed windows at the start of the buffer (leading empty lines,
/// request line, header section), so the outcome never depends on how the bytes were split into reads, and a
/// malformed request line is reported as soon as its line is complete. Bare LF line endings are rejected,
/// consistently, like bare CR.
/// </remarks>
internal sealed partial class HttpRequestParser
{
    private readonly HttpParserOptions _options;

    /// <summary>Creates a parser enforcing <paramref name="options"/> (validated here).</summary>
    public HttpRequestParser(HttpParserOptions? options = null)
    {
        _options = options ?? HttpParserOptions.Default;
        _options.Validate();
    }

    /// <summary>The limits in force.</summary>
    public HttpParserOptions Options => _options;

    /// <summary>
    /// Parses the head at the start of <paramref name="buffer"/> into <paramref name="head"/>. On Done,
    /// <paramref name="consumed"/> is just past the head's empty line (the body or next request follows);
    /// otherwise it is the buffer start.
    /// </summary>
    public HttpParseStatus Parse(in ReadOnlySequence<byte> buffer, HttpRequestHead head, out SequencePosition consumed, out HttpParseError error)
    {
        ArgumentNullException.ThrowIfNull(head);
        HttpParseStatus status;
        int used;
        if (buffer.IsSingleSegment)
        {
            status = Parse(buffer.FirstSpan, head, out used, out error);
        }
        else
        {
            // Rare (a head straddling pipe segments): gather the bounded window into the head's own buffer
            // and run the same span parser on it, so both paths agree byte for byte.
            var length = (int)Math.Min(buffer.Length, _options.MaxHeadLength);
            var scratch = head.GetScratch(length);
            buffer.Slice(0, length).CopyTo(scratch);
            status = Parse(scratch, head, out used, out error);
        }

        consumed = status == HttpParseStatus.Done ? buffer.GetPosition(used) : buffer.Start;
        return status;
    }

    /// <summary>Span form of <see cref="Parse(in ReadOnlySequence{byte}, HttpRequestHead, out SequencePosition, out HttpParseError)"/>; <paramref name="consumed"/> counts bytes.</summary>
    public HttpParseStatus Parse(ReadOnlySpan<byte> input, HttpRequestHead head, out int consumed, out HttpParseError error)
    {
        ArgumentNullException.ThrowIfNull(head);
        consumed = 0;

        // RFC 9112 §2.2: ignore empty lines before the request line, up to a cap.
        var start = 0;
        var emptyLines = 0;
        while (true)
        {
            if (start >= input.Length)
            {
                return NeedMore(out error);
            }

            var b = input[start];
            if (b == (byte)'\n')
            {
                return Fail(HttpParseError.InvalidLineEnding, out error);
            }

            if (b != (byte)'\r')
            {
                break;
            }

            if (start + 1 >= input.Length)
            {
                return NeedMore(out error);
            }

            if (input[start + 1] != (byte)'\n')
            {
                return Fail(HttpParseError.InvalidLineEnding, out error);
            }

            start += 2;
            if (++emptyLines > _options.MaxLeadingEmptyLines)
            {
                return Fail(HttpParseError.TooManyLeadingEmptyLines, out error);
            }
        }

        var rest = input[start..];

        // Request line: its LF must come within the line window (content + CRLF).
        var lineWindow = _options.MaxRequestLineLength + 2;
        var lf = rest[..Math.Min(rest.Length, lineWindow)].IndexOf((byte)'\n');
        if (lf < 0)
        {
            return rest.Length >= lineWindow ? Fail(HttpParseError.UriTooLong, out error) : NeedMore(out error);
        }

        if (lf == 0 || rest[lf - 1] != (byte)'\r')
        {
            return Fail(HttpParseError.InvalidLineEnding, out error);
        }

        // Header section: ends at the first empty line, which must come within the section window.
        var sectionStart = lf + 1;
        var section = rest[sectionStart..];
        var sectionWindow = _options.MaxHeaderSectionLength;
        int sectionLength;
        if (section.Length >= 2 && section[0] == (byte)'\r' && section[1] == (byte)'\n')
        {
            sectionLength = 2;
        }
        else
        {
            var end = section[..Math.Min(section.Length, sectionWindow)].IndexOf("\r\n\r\n"u8);
            if (end < 0)
            {
                // Report a bad request line now rather than after the headers.
                error = ParseRequestLine(rest[..(lf - 1)], head);
                if (error != HttpParseError.None)
                {
                    return HttpParseStatus.Error;
                }

                return section.Length >= sectionWindow ? Fail(HttpParseError.HeaderSectionTooLarge, out error) : NeedMore(out error);
            }

            sectionLength = end + 4;
        }

        var headLength = sectionStart + sectionLength;
        var copy = head.Load(rest[..headLength]);
        error = ParseRequestLine(copy[..(lf - 1)], head);
        if (error == HttpParseError.None)
        {
            error = ParseHeaders(copy, sectionStart, head);
        }

        if (error != HttpParseError.None)
        {
            return HttpParseStatus.Error;
        }

        consumed = start + headLength;
        return HttpParseStatus.Done;
    }

    private static HttpParseStatus NeedMore(out HttpParseError error)
    {
        error = HttpParseError.None;
        return HttpParseStatus.NeedMoreData;
    }

    private static HttpParseStatus Fail(HttpParseError reason, out HttpParseError error)
    {
        error = reason;
        return HttpParseStatus.Error;
    }
}
