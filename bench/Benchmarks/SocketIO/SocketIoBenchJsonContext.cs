using System.Text.Json.Serialization;
using SocketIo.Protocol.SocketIO;

namespace SocketIo.Benchmarks.SocketIO;

[JsonSourceGenerationOptions(Converters = [typeof(SocketIoByteArrayConverter)])]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(byte[]))]
internal sealed partial class SocketIoBenchJsonContext : JsonSerializerContext;
