using System.Buffers;
using System.Text;
using SocketIo.Fuzz;
using SocketIo.Protocol.Http;

namespace SocketIo.Protocol.Tests.Http;

public sealed class HttpChunkedDecoderTests
{
    /// <summary>Decodes <paramref name="input"/> fed as <paramref name="sequence"/>; returns the status, decoded text, error and bytes consumed.</summary>
    private static (HttpBodyStatus Status, string Body, HttpParseError Error, long Consumed) Decode(ReadOnlySequence<byte> sequence, HttpParserOptions? options = null)
    {
        var decoder = new HttpChunkedDecoder(options ?? HttpParserOptions.Default);
        var reader = new SequenceReader<byte>(sequence);
        var output = new ArrayBufferWriter<byte>();
        var status = decoder.CopyTo(ref reader, output);
        return (status, Encoding.Latin1.GetString(output.WrittenSpan), decoder.Error, reader.Consumed);
    }

    /// <summary>Feeds the input one byte per call, as a slow client would, keeping the decoder between calls.</summary>
    private static (HttpBodyStatus Status, string Body, HttpParseError Error, long Consumed) DecodeIncrementally(byte[] input, HttpParserOptions? options = null)
    {
        var decoder = new HttpChunkedDecoder(options ?? HttpParserOptions.Default);
        var output = new ArrayBufferWriter<byte>();
        var consumed = 0L;
        var status = HttpBodyStatus.NeedMoreData;
        for (var i = 0; i < input.Length && status == HttpBodyStatus.NeedMoreData; i++)
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(input, i, 1));
            status = decoder.CopyTo(ref reader, output);
            consumed += reader.Consumed;
        }

        return (status, Encoding.Latin1.GetString(output.WrittenSpan), decoder.Error, consumed);
    }

    public static TheoryData<string, string> ValidBodies() => new()
    {
        { "0\r\n\r\n", "" },
        { "5\r\nhello\r\n0\r\n\r\n", "hello" },
        { "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", "hello world" },
        { "A\r\n0123456789\r\na\r\nabcdefghij\r\n0\r\n\r\n", "0123456789abcdefghij" },
        { "0000000000000003\r\nabc\r\n0\r\n\r\n", "abc" },
        { "3;name=value;other\r\nabc\r\n0;last\r\n\r\n", "abc" },
        { "3 ;ext\r\nabc\r\n0\r\n\r\n", "abc" },
        { "3\t\r\nabc\r\n0\r\n\r\n", "abc" },
        { "3\r\nabc\r\n0\r\nX-Checksum: 123\r\nX-Other:\t v \r\n\r\n", "abc" },
        { "2\r\n\r\n\r\n0\r\n\r\n", "\r\n" },
    };

    [Theory]
    [MemberData(nameof(ValidBodies))]
    public void Valid_body_decodes_whatever_the_split(string body, string expected)
    {
        var bytes = Encoding.Latin1.GetBytes(body + "NEXT");
        var whole = Decode(new ReadOnlySequence<byte>(bytes));
        Assert.Equal((HttpBodyStatus.Done, expected, HttpParseError.None, (long)body.Length), whole);
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            Assert.Equal(whole, Decode(HttpSequences.Split(bytes, [cut])));
        }

        Assert.Equal(whole, Decode(HttpSequences.Bytewise(bytes)));
        Assert.Equal(whole, DecodeIncrementally(bytes));
    }

    public static TheoryData<string, string> InvalidBodies() => new()
    {
        { "", nameof(HttpParseError.None) },
        { "\r\n", nameof(HttpParseError.InvalidChunkSize) },
        { "g\r\n", nameof(HttpParseError.InvalidChunkSize) },
        { "-1\r\n", nameof(HttpParseError.InvalidChunkSize) },
        { "0x5\r\n", nameof(HttpParseError.InvalidChunkSize) },
        { ";ext\r\n", nameof(HttpParseError.InvalidChunkSize) },
        { "00000000000000005\r\nhello\r\n0\r\n\r\n", nameof(HttpParseError.InvalidChunkSize) },
        { "5\nhello\r\n0\r\n\r\n", nameof(HttpParseError.InvalidChunkSize) },
        { "5\rhello\r\n0\r\n\r\n", nameof(HttpParseError.InvalidChunkSize) },
        { "5 x\r\nhello\r\n", nameof(HttpParseError.InvalidChunkSize) },
        { "5\r\nhelloX\r\n0\r\n\r\n", nameof(HttpParseError.MissingChunkTerminator) },
        { "5\r\nhello\rX0\r\n\r\n", nameof(HttpParseError.MissingChunkTerminator) },
        { "5\r\nhello\n0\r\n\r\n", nameof(HttpParseError.MissingChunkTerminator) },
        { "5;a\0b\r\nhello\r\n", nameof(HttpParseError.InvalidChunkExtension) },
        { "5;a\nb\r\nhello\r\n", nameof(HttpParseError.InvalidChunkExtension) },
        { "5;" + new string('e', 257) + "\r\nhello\r\n", nameof(HttpParseError.InvalidChunkExtension) },
        { "0\r\n: v\r\n\r\n", nameof(HttpParseError.InvalidTrailer) },
        { "0\r\nX v\r\n\r\n", nameof(HttpParseError.InvalidTrailer) },
        { "0\r\nX : v\r\n\r\n", nameof(HttpParseError.InvalidTrailer) },
        { "0\r\nX: a\r\n b\r\n\r\n", nameof(HttpParseError.InvalidTrailer) },
        { "0\r\nX: a\0\r\n\r\n", nameof(HttpParseError.InvalidTrailer) },
        { "0\r\nX: a\rb\r\n\r\n", nameof(HttpParseError.InvalidTrailer) },
        { "0\r\n\rX", nameof(HttpParseError.InvalidTrailer) },
        { "0\r\nX: " + new string('t', 5000) + "\r\n\r\n", nameof(HttpParseError.TrailerSectionTooLarge) },
        { "F4241\r\n", nameof(HttpParseError.BodyTooLarge) },
        { "FFFFFFFFFFFFFFFF\r\n", nameof(HttpParseError.BodyTooLarge) },
        { "80000\r\n", nameof(HttpParseError.None) },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public void Invalid_body_is_rejected_whatever_the_split(string body, string error)
    {
        var bytes = Encoding.Latin1.GetBytes(body);
        var whole = Decode(new ReadOnlySequence<byte>(bytes));
        var expected = Enum.Parse<HttpParseError>(error);
        Assert.Equal(expected, whole.Error);
        Assert.Equal(expected == HttpParseError.None ? HttpBodyStatus.NeedMoreData : HttpBodyStatus.Error, whole.Status);
        Assert.Equal((whole.Status, whole.Error), (DecodeIncrementally(bytes).Status, DecodeIncrementally(bytes).Error));
        Assert.Equal((whole.Status, whole.Error), (Decode(HttpSequences.Bytewise(bytes)).Status, Decode(HttpSequences.Bytewise(bytes)).Error));
    }

    [Fact]
    public void Total_size_is_capped_across_chunks()
    {
        var options = new HttpParserOptions { MaxRequestBodySize = 8 };
        Assert.Equal(HttpBodyStatus.Done, Decode(new ReadOnlySequence<byte>("4\r\nabcd\r\n4\r\nefgh\r\n0\r\n\r\n"u8.ToArray()), options).Status);
        var over = Decode(new ReadOnlySequence<byte>("4\r\nabcd\r\n5\r\nefghi\r\n0\r\n\r\n"u8.ToArray()), options);
        Assert.Equal((HttpBodyStatus.Error, HttpParseError.BodyTooLarge, 413), (over.Status, over.Error, over.Error.ToStatusCode()));
        Assert.Equal("abcd", over.Body);
    }

    [Fact]
    public void Data_is_returned_as_slices_of_the_input()
    {
        var input = "5\r\nhello\r\n0\r\n\r\n"u8.ToArray();
        var decoder = new HttpChunkedDecoder(HttpParserOptions.Default);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(input));
        Assert.Equal(HttpBodyStatus.Data, decoder.Read(ref reader, out var data));
        Assert.Equal("hello"u8.ToArray(), data.ToArray());
        Assert.Equal(5, decoder.TotalLength);
        Assert.Equal(HttpBodyStatus.Done, decoder.Read(ref reader, out _));
        Assert.True(decoder.IsComplete);
        Assert.Equal(HttpBodyStatus.Done, decoder.Read(ref reader, out _));
        Assert.Equal(input.Length, reader.Consumed);
    }

    [Fact]
    public void Content_length_reader_stops_at_the_body_end()
    {
        var input = HttpSequences.Split("abcdefNEXT"u8, [2, 4]);
        var body = new HttpContentLengthReader(6);
        var reader = new SequenceReader<byte>(input.Slice(0, 3));
        var output = new ArrayBufferWriter<byte>();
        Assert.Equal(HttpBodyStatus.NeedMoreData, body.CopyTo(ref reader, output));
        Assert.Equal(3, body.Remaining);
        reader = new SequenceReader<byte>(input.Slice(3));
        Assert.Equal(HttpBodyStatus.Done, body.CopyTo(ref reader, output));
        Assert.True(body.IsComplete);
        Assert.Equal("abcdef", Encoding.ASCII.GetString(output.WrittenSpan));
        Assert.Equal(3, reader.Consumed);

        var empty = new HttpContentLengthReader(0);
        Assert.Equal(HttpBodyStatus.Done, empty.Read(ref reader, out _));
    }
}
