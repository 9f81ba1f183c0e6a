namespace SocketIo.LoadGen.WebSockets;

/// <summary>A parsed frame header: FIN, opcode, the header's own length and the payload length.</summary>
internal readonly record struct WebSocketFrameHeader(bool Fin, WebSocketOpcode Opcode, int HeaderLength, long PayloadLength);
