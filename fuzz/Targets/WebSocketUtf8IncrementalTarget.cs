using System.Buffers;
using System.Text.Unicode;
using SocketIo.Protocol.Text;

namespace SocketIo.Fuzz;

/// <summary>
/// <c>utf8-incremental</c>: <see cref="Utf8IncrementalValidator"/> over the input cut at points derived from it.
/// Invariants: the final verdict equals <see cref="Utf8.IsValid(ReadOnlySpan{byte})"/>; and it fails fast:
/// after each piece it reports an error exactly when the bytes so far cannot begin valid UTF-8 (checked against
/// the BCL's streaming decoder).
/// </summary>
public sealed class WebSocketUtf8IncrementalTarget : IFuzzTarget
{
    /// <inheritdoc />
    public string Name => "utf8-incremental";

    /// <inheritdoc />
    public IEnumerable<byte[]> Seeds =>
    [
        "hello, world"u8.ToArray(),
        [0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5],
        [0xF0, 0x9F, 0x98, 0x80, 0xF4, 0x8F, 0xBF, 0xBF, 0xEF, 0xBF, 0xBF],
        [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
        [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
        [0xFE], [0xFF], [0x80], [0xBF], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0x41, 0xCE],
        [.. "0123456789abcdefghijklmnopqrstuvwxyz0123456789"u8, 0xE2, 0x82, 0xAC],
    ];

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> data)
    {
        try
        {
            Check(data);
        }
        catch (Exception ex) when (ex is not FuzzInvariantException)
        {
            throw new FuzzInvariantException($"validator threw {ex.GetType().Name}", ex);
        }
    }

    private static void Check(ReadOnlySpan<byte> data)
    {
        var random = new Random(data.Length * 31 + (data.IsEmpty ? 0 : data[0] + (data[^1] << 8)));
        var length = data.Length;
        var cuts = Enumerable.Range(0, random.Next(6)).Select(_ => random.Next(length + 1)).Append(length).Order().ToArray();
        var validator = default(Utf8IncrementalValidator);
        var start = 0;
        var chars = new char[data.Length + 1];
        foreach (var cut in cuts)
        {
            var ok = validator.Append(data[start..cut]);
            var prefixStatus = Utf8.ToUtf16(data[..cut], chars, out _, out _, replaceInvalidSequences: false, isFinalBlock: false);
            FuzzInvariantException.Check(ok == (prefixStatus != OperationStatus.InvalidData),
                $"after {cut} bytes the validator says {ok} but the prefix is {prefixStatus}");
            if (!ok)
            {
                break;
            }

            start = cut;
        }

        FuzzInvariantException.Check(validator.IsCompleteAndValid == Utf8.IsValid(data), "final verdict differs from Utf8.IsValid");
    }
}
