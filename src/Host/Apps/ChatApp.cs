using SocketIo.Engine.SocketIO;

namespace SocketIo.Host.Apps;

/// <summary>
/// The chat demo's server side on the main namespace <c>/</c>. Events from the browser (each answers with an ack,
/// <c>{"error":"..."}</c> when the input is refused):
/// <list type="bullet">
/// <item><c>login</c>(nickname) → <c>{nickname, rooms}</c></item>
/// <item><c>join</c>(room) → <c>{room, users}</c>; <c>leave</c>(room) → <c>{room}</c></item>
/// <item><c>message</c>({room, text}) → <c>{id, time}</c>, the room's other members get <c>message</c> {id, room, from, text, time}</item>
/// <item><c>typing</c>({room, typing}) → the room's other members get <c>typing</c> {room, nickname, typing}</item>
/// </list>
/// The server pushes <c>users</c> {room, users} to a room whenever its members change, and <c>rooms</c>
/// [{name, users}] to everyone whenever the list of rooms changes.
/// </summary>
internal sealed class ChatApp
{
    /// <summary>Rooms that are always listed, even when empty.</summary>
    public static readonly string[] PermanentRooms = ["lobby", "random"];

    private const int MaxRoomsPerUser = 16;
    private const int MaxRooms = 1000;

    private readonly SocketIoNamespace _chat;
    private readonly Lock _gate = new();

    // room -> socket id -> nickname. Guarded by _gate; the chat's scale (a demo) makes one lock plenty.
    private readonly Dictionary<string, Dictionary<string, string>> _rooms = new(StringComparer.Ordinal);
    private long _lastMessageId;

    private ChatApp(SocketIoServer io)
    {
        _chat = io.Sockets;
        foreach (var room in PermanentRooms)
        {
            _rooms[room] = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        _chat.OnConnection(OnConnection);
    }

    /// <summary>Message counters, for the dashboard.</summary>
    public ChatStats Stats { get; } = new();

    /// <summary>Number of sockets connected to the chat namespace.</summary>
    public int Connections => _chat.Sockets.Count;

    /// <summary>Number of rooms with at least one member.</summary>
    public int ActiveRooms
    {
        get
        {
            lock (_gate)
            {
                return _rooms.Values.Count(r => r.Count > 0);
            }
        }
    }

    /// <summary>Adds the chat's handlers to <paramref name="io"/>'s main namespace.</summary>
    public static ChatApp Configure(SocketIoServer io)
    {
        ArgumentNullException.ThrowIfNull(io);
        return new ChatApp(io);
    }

    private void OnConnection(SocketIoSocket socket)
    {
        var user = new ChatUser();
        socket.Data = user;
        socket.Emit("rooms", [RoomList()]);
        socket.On("login", e => Login(socket, user, e));
        socket.On("join", e => Join(socket, user, e));
        socket.On("leave", e => Leave(socket, user, e));
        socket.On("message", e => Message(socket, user, e));
        socket.On("typing", e => Typing(socket, user, e));
        socket.OnDisconnecting(_ => LeaveAll(socket, user));
    }

    private void Login(SocketIoSocket socket, ChatUser user, SocketIoEvent e)
    {
        Stats.Received();
        if (ChatInput.Nickname(ChatInput.First(e), out var error) is not { } nickname)
        {
            Fail(e, error);
            return;
        }

        string[] rooms;
        lock (_gate)
        {
            user.Nickname = nickname;
            rooms = [.. user.Rooms];
            foreach (var room in rooms)
            {
                _rooms[room][socket.Id] = nickname;
            }
        }

        e.Ack(new { nickname, rooms = RoomList() });
        foreach (var room in rooms)
        {
            PushUsers(room);
        }
    }

    private void Join(SocketIoSocket socket, ChatUser user, SocketIoEvent e)
    {
        Stats.Received();
        if (ChatInput.Room(ChatInput.First(e), out var error) is not { } room)
        {
            Fail(e, error);
            return;
        }

        bool created;
        lock (_gate)
        {
            error = user.Nickname is null ? "log in first"
                : user.Rooms.Count >= MaxRoomsPerUser && !user.Rooms.Contains(room) ? $"at most {MaxRoomsPerUser} rooms at once"
                : !_rooms.ContainsKey(room) && _rooms.Count >= MaxRooms ? "too many rooms on this server"
                : "";
            if (error.Length == 0)
            {
                if (!_rooms.TryGetValue(room, out var members))
                {
                    _rooms[room] = members = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                created = members.Count == 0;
                members[socket.Id] = user.Nickname!;
                user.Rooms.Add(room);
            }
            else
            {
                created = false;
            }
        }

        if (error.Length > 0)
        {
            Fail(e, error);
            return;
        }

        socket.Join(room);
        e.Ack(new { room, users = Users(room) });
        PushUsers(room);
        if (created)
        {
            PushRooms();
        }
    }

    private void Leave(SocketIoSocket socket, ChatUser user, SocketIoEvent e)
    {
        Stats.Received();
        if (ChatInput.Room(ChatInput.First(e), out var error) is not { } room)
        {
            Fail(e, error);
            return;
        }

        if (!RemoveMember(socket, user, room, out var emptied))
        {
            Fail(e, $"not in room {room}");
            return;
        }

        socket.Leave(room);
        e.Ack(new { room });
        PushUsers(room);
        if (emptied)
        {
            PushRooms();
        }
    }

    private void Message(SocketIoSocket socket, ChatUser user, SocketIoEvent e)
    {
        Stats.Received();
        var argument = ChatInput.First(e);
        if (ChatInput.Room(ChatInput.Property(argument, "room"), out var error) is not { } room ||
            ChatInput.MessageText(ChatInput.Property(argument, "text"), out error) is not { } text)
        {
            Fail(e, error);
            return;
        }

        string? from;
        lock (_gate)
        {
            from = user.Rooms.Contains(room) ? user.Nickname : null;
        }

        if (from is null)
        {
            Fail(e, $"join room {room} first");
            return;
        }

        var id = Interlocked.Increment(ref _lastMessageId);
        var time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Stats.Sent(socket.To(room).Emit("message", new { id, room, from, text, time }));
        e.Ack(new { id, time });
    }

    private void Typing(SocketIoSocket socket, ChatUser user, SocketIoEvent e)
    {
        Stats.Received();
        var argument = ChatInput.First(e);
        var typing = ChatInput.Property(argument, "typing");
        if (ChatInput.Room(ChatInput.Property(argument, "room"), out var error) is not { } room)
        {
            Fail(e, error);
            return;
        }

        if (typing.ValueKind is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False))
        {
            Fail(e, "typing must be true or false");
            return;
        }

        string? nickname;
        lock (_gate)
        {
            nickname = user.Rooms.Contains(room) ? user.Nickname : null;
        }

        if (nickname is null)
        {
            Fail(e, $"join room {room} first");
            return;
        }

        Stats.Sent(socket.To(room).Emit("typing", new { room, nickname, typing = typing.GetBoolean() }));
        e.Ack(new { room });
    }

    private void LeaveAll(SocketIoSocket socket, ChatUser user)
    {
        string[] rooms;
        lock (_gate)
        {
            rooms = [.. user.Rooms];
        }

        var emptiedAny = false;
        foreach (var room in rooms)
        {
            if (RemoveMember(socket, user, room, out var emptied))
            {
                emptiedAny |= emptied;
                // Still a member of the Socket.IO room while disconnecting: send to the others only.
                Stats.Sent(socket.To(room).Emit("users", new { room, users = Users(room) }));
            }
        }

        if (emptiedAny)
        {
            PushRooms();
        }
    }

    private bool RemoveMember(SocketIoSocket socket, ChatUser user, string room, out bool emptied)
    {
        lock (_gate)
        {
            emptied = false;
            if (!user.Rooms.Remove(room) || !_rooms.TryGetValue(room, out var members))
            {
                return false;
            }

            members.Remove(socket.Id);
            if (members.Count == 0)
            {
                emptied = true;
                if (Array.IndexOf(PermanentRooms, room) < 0)
                {
                    _rooms.Remove(room);
                }
            }

            return true;
        }
    }

    private string[] Users(string room)
    {
        lock (_gate)
        {
            return _rooms.TryGetValue(room, out var members) ? [.. members.Values.Order(StringComparer.OrdinalIgnoreCase)] : [];
        }
    }

    private object[] RoomList()
    {
        lock (_gate)
        {
            return [.. _rooms.OrderBy(r => Array.IndexOf(PermanentRooms, r.Key) is var i && i >= 0 ? i : PermanentRooms.Length)
                .ThenBy(r => r.Key, StringComparer.OrdinalIgnoreCase)
                .Select(r => new { name = r.Key, users = r.Value.Count })];
        }
    }

    private void PushUsers(string room) => Stats.Sent(_chat.To(room).Emit("users", new { room, users = Users(room) }));

    private void PushRooms() => Stats.Sent(_chat.Emit("rooms", [RoomList()]));

    private static void Fail(SocketIoEvent e, string error) => e.Ack(new { error });

    /// <summary>What the chat knows about one socket.</summary>
    private sealed class ChatUser
    {
        public string? Nickname { get; set; }

        public HashSet<string> Rooms { get; } = new(StringComparer.Ordinal);
    }
}
