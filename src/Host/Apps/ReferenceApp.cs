using System.Buffers;
using System.Text;
using System.Text.Json;
using SocketIo.Engine.SocketIO;

namespace SocketIo.Host.Apps;

/// <summary>
/// The reference app that conformance checks, interop tests and benchmarks drive (issue 5): namespaces <c>/</c>,
/// <c>/custom</c> and <c>/private</c>; every other namespace is refused with <c>Invalid namespace</c>.
/// </summary>
/// <remarks>
/// Arguments are forwarded as the client sent them (raw JSON plus attachments), so every JSON shape and every
/// binary placement comes back byte for byte, without a round trip through .NET types.
/// </remarks>
internal static class ReferenceApp
{
    /// <summary>How long <c>ask</c> waits for the client's answer to <c>question</c>.</summary>
    public static readonly TimeSpan AskTimeout = TimeSpan.FromMilliseconds(2_000);

    /// <summary>The auth token <c>/private</c> admits.</summary>
    public const string PrivateToken = "secret";

    /// <summary>Installs the app's namespaces, middleware and handlers on <paramref name="io"/>.</summary>
    public static void Configure(SocketIoServer io)
    {
        ArgumentNullException.ThrowIfNull(io);
        io.Of("/").OnConnection(socket =>
        {
            EmitAuth(socket);
            AddMessageHandlers(socket);
            AddMainHandlers(socket);
        });

        io.Of("/custom").OnConnection(socket =>
        {
            EmitAuth(socket);
            AddMessageHandlers(socket);
        });

        io.Of("/private")
            .Use(socket =>
            {
                if (!HasToken(socket.Handshake.Auth, PrivateToken))
                {
                    throw new SocketIoConnectException("unauthorized");
                }
            })
            .OnConnection(EmitAuth);
    }

    private static void EmitAuth(SocketIoSocket socket) =>
        socket.EmitRaw("auth", Encoding.UTF8.GetBytes(socket.Handshake.Auth.GetRawText()));

    // The handlers are static lambdas that reach their socket through the event: the compiler caches each delegate
    // once, so a connection costs no closure or delegate objects (about 700 B less per idle connection).

    /// <summary><c>message</c> → <c>message-back</c> with the same arguments; <c>message-with-ack</c> → ack with them.</summary>
    private static void AddMessageHandlers(SocketIoSocket socket)
    {
        socket.On("message", static e => e.Socket.EmitRaw("message-back", e.RawArguments, e.Attachments));
        socket.On("message-with-ack", static e => e.AckRaw(e.RawArguments, e.Attachments));
    }

    private static void AddMainHandlers(SocketIoSocket socket)
    {
        socket.On("join", static e =>
        {
            e.Socket.Join(e.GetArgument<string>(0) ?? throw new ArgumentException("join needs a room name"));
            e.Ack();
        });
        socket.On("leave", static e =>
        {
            e.Socket.Leave(e.GetArgument<string>(0) ?? throw new ArgumentException("leave needs a room name"));
            e.Ack();
        });

        // Namespace-wide: the sender receives it too when it is a member.
        socket.On("to-room", static e =>
        {
            var room = e.GetArgument<string>(0) ?? throw new ArgumentException("to-room needs a room name");
            e.Socket.Namespace.To(room).EmitRaw("room-message", RawArgumentsFrom(e, 1), e.Attachments);
        });
        socket.On("broadcast", static e => e.Socket.Broadcast.EmitRaw("broadcast", e.RawArguments, e.Attachments));
        socket.On("ask", static e => AskAsync(e.Socket, e));
        socket.On("disconnect-me", static e => e.Socket.Disconnect(close: true));
    }

    /// <summary><c>ask</c>: <c>question</c> with the same arguments, then <c>answer</c> with the reply or <c>answer-timeout</c>.</summary>
    private static async ValueTask AskAsync(SocketIoSocket socket, SocketIoEvent e)
    {
        SocketIoMessage reply;
        try
        {
            reply = await socket.Timeout(AskTimeout).EmitRawWithAckAsync("question", e.RawArguments, e.Attachments).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            socket.Emit("answer-timeout");
            return;
        }
        catch (InvalidOperationException)
        {
            // The client left before answering.
            return;
        }

        socket.EmitRaw("answer", reply.RawArguments, reply.Attachments);
    }

    /// <summary>The arguments from <paramref name="start"/> on, as raw JSON (placeholders keep their numbers).</summary>
    private static ReadOnlyMemory<byte> RawArgumentsFrom(SocketIoMessage message, int start)
    {
        if (message.Count <= start)
        {
            return default;
        }

        var writer = new ArrayBufferWriter<byte>(message.RawArguments.Length);
        for (var i = start; i < message.Count; i++)
        {
            if (i > start)
            {
                writer.Write(","u8);
            }

            writer.Write(message.GetRawArgument(i).Span);
        }

        return writer.WrittenMemory;
    }

    private static bool HasToken(JsonElement auth, string token) =>
        auth.ValueKind == JsonValueKind.Object
        && auth.TryGetProperty("token", out var value)
        && value.ValueKind == JsonValueKind.String
        && value.ValueEquals(token);
}
