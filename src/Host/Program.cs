Console.WriteLine("SocketIo.Host: server not yet implemented");
