using System.Text;
using System.Text.Json;
using SocketIo.Protocol.Json;

namespace SocketIo.Protocol.Tests.Json;

/// <summary>Writes down every callback of the validator as a string, to compare with Utf8JsonReader's tokens.</summary>
internal struct RecordingObserver(List<string> events) : IJsonScanObserver
{
    public readonly void OnScalar(JsonValueKind kind, int depth, int start, int end, bool escaped) => events.Add(Scalar(kind, depth, start, end, escaped));

    public readonly void OnContainerStart(JsonValueKind kind, int depth, int start) => events.Add(Start(kind, depth, start));

    public readonly void OnContainerEnd(JsonValueKind kind, int depth, int end) => events.Add(End(kind, depth, end));

    public readonly void OnPropertyName(ReadOnlySpan<byte> raw, bool escaped, int depth) => events.Add(Name(raw, escaped, depth));

    internal static string Scalar(JsonValueKind kind, int depth, int start, int end, bool escaped) => $"{kind} d{depth} [{start},{end}) {(escaped ? "esc" : "")}";

    internal static string Start(JsonValueKind kind, int depth, int start) => $"start {kind} d{depth} @{start}";

    internal static string End(JsonValueKind kind, int depth, int end) => $"end {kind} d{depth} @{end}";

    internal static string Name(ReadOnlySpan<byte> raw, bool escaped, int depth) => $"name {Encoding.UTF8.GetString(raw)} d{depth} {(escaped ? "esc" : "")}";
}
