using System.Text.Json.Serialization;
using SocketIo.Protocol.SocketIO;

namespace SocketIo.Protocol.Tests.SocketIO;

public sealed record ChatMessage(string Text, int Count, double Score);

public sealed record FileMessage(string Name, byte[] Data, FileParts Parts);

public sealed record FileParts(ReadOnlyMemory<byte> Head, byte[][] Chunks);

[JsonSourceGenerationOptions(Converters = [typeof(SocketIoByteArrayConverter), typeof(SocketIoReadOnlyMemoryConverter)])]
[JsonSerializable(typeof(ChatMessage))]
[JsonSerializable(typeof(FileMessage))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(byte[]))]
[JsonSerializable(typeof(ReadOnlyMemory<byte>))]
[JsonSerializable(typeof(Dictionary<string, double>))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
