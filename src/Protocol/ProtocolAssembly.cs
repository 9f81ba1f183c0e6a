namespace SocketIo.Protocol;

/// <summary>Marker for the protocol assembly.</summary>
public static class ProtocolAssembly;
