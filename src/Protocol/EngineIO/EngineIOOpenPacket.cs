using System.Buffers;
using System.Globalization;

using SocketIo.Protocol.Json;

namespace SocketIo.Protocol.EngineIO;

/// <summary>
/// The handshake (open) packet, PROTOCOL.md 1.3:
/// <c>0{"sid":"...","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}</c>,
/// exactly these keys in this order, numbers as JSON numbers. The sid is escaped as <c>JSON.stringify</c>
/// would, so any id generator is safe (the default one needs no escaping).
/// </summary>
internal readonly struct EngineIOOpenPacket
{
    private static ReadOnlySpan<byte> SidKey => "0{\"sid\":\""u8;
    private static ReadOnlySpan<byte> UpgradesKey => "\",\"upgrades\":["u8;
    private static ReadOnlySpan<byte> WebSocketName => "\"websocket\""u8;
    private static ReadOnlySpan<byte> PingIntervalKey => "],\"pingInterval\":"u8;
    private static ReadOnlySpan<byte> PingTimeoutKey => ",\"pingTimeout\":"u8;
    private static ReadOnlySpan<byte> MaxPayloadKey => ",\"maxPayload\":"u8;

    /// <summary>Creates the packet; the numbers are milliseconds and bytes, and may not be negative.</summary>
    public EngineIOOpenPacket(string sid, EngineIOUpgrades upgrades, long pingInterval, long pingTimeout, long maxPayload)
    {
        ArgumentNullException.ThrowIfNull(sid);
        ArgumentOutOfRangeException.ThrowIfNegative(pingInterval);
        ArgumentOutOfRangeException.ThrowIfNegative(pingTimeout);
        ArgumentOutOfRangeException.ThrowIfNegative(maxPayload);
        Sid = sid;
        Upgrades = upgrades;
        PingInterval = pingInterval;
        PingTimeout = pingTimeout;
        MaxPayload = maxPayload;
    }

    /// <summary>The session id.</summary>
    public string Sid { get; }

    /// <summary>The <c>upgrades</c> list.</summary>
    public EngineIOUpgrades Upgrades { get; }

    /// <summary><c>pingInterval</c> in milliseconds (reference default 25000).</summary>
    public long PingInterval { get; }

    /// <summary><c>pingTimeout</c> in milliseconds (reference default 20000).</summary>
    public long PingTimeout { get; }

    /// <summary><c>maxPayload</c> in bytes, equal to <c>maxHttpBufferSize</c> (reference default 1000000).</summary>
    public long MaxPayload { get; }

    /// <summary>Length of the encoded packet in bytes.</summary>
    public int GetEncodedLength() =>
        SidKey.Length + JsonCharEscaper.GetEscapedLength(Sid) + UpgradesKey.Length
        + ((Upgrades & EngineIOUpgrades.WebSocket) != 0 ? WebSocketName.Length : 0)
        + PingIntervalKey.Length + DigitCount(PingInterval)
        + PingTimeoutKey.Length + DigitCount(PingTimeout)
        + MaxPayloadKey.Length + DigitCount(MaxPayload) + 1;

    /// <summary>Writes the packet into <paramref name="destination"/>, which must hold
    /// <see cref="GetEncodedLength"/> bytes; returns the bytes written.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public int Write(Span<byte> destination)
    {
        if (destination.Length < GetEncodedLength())
        {
            throw new ArgumentException("The destination is shorter than the open packet.", nameof(destination));
        }

        var n = Append(destination, 0, SidKey);
        n += JsonCharEscaper.Write(Sid, destination[n..]);
        n = Append(destination, n, UpgradesKey);
        if ((Upgrades & EngineIOUpgrades.WebSocket) != 0)
        {
            n = Append(destination, n, WebSocketName);
        }

        n = AppendNumber(destination, Append(destination, n, PingIntervalKey), PingInterval);
        n = AppendNumber(destination, Append(destination, n, PingTimeoutKey), PingTimeout);
        n = AppendNumber(destination, Append(destination, n, MaxPayloadKey), MaxPayload);
        destination[n++] = (byte)'}';
        return n;
    }

    /// <summary>Writes the packet into <paramref name="output"/> and advances it.</summary>
    public void Write(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Advance(Write(output.GetSpan(GetEncodedLength())));
    }

    private static int Append(Span<byte> destination, int offset, ReadOnlySpan<byte> literal)
    {
        literal.CopyTo(destination[offset..]);
        return offset + literal.Length;
    }

    private static int AppendNumber(Span<byte> destination, int offset, long value)
    {
        value.TryFormat(destination[offset..], out var written, default, CultureInfo.InvariantCulture);
        return offset + written;
    }

    private static int DigitCount(long value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }
}
