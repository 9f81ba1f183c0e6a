namespace SocketIo.LoadGen.SocketIo;

/// <summary>Opens many <see cref="SioWebSocket"/>s with a bounded number of handshakes in flight.</summary>
internal static class SioConnector
{
    /// <summary>
    /// Opens <paramref name="count"/> connections, at most <paramref name="concurrency"/> at a time. Slots of
    /// connections that failed are null; the first few errors are returned as text.
    /// </summary>
    public static async Task<(SioWebSocket?[] Sockets, string[] Errors)> ConnectManyAsync(
        SioEndpoint endpoint, int count, SourceAddresses addresses, int concurrency, int bufferSize, Func<int, bool> concurrentSends, CancellationToken cancellationToken)
    {
        var sockets = new SioWebSocket?[count];
        var errors = new List<string>();
        using var gate = new SemaphoreSlim(concurrency, concurrency);
        var tasks = new Task[count];
        for (var i = 0; i < count; i++)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            var index = i;
            tasks[i] = Task.Run(
                async () =>
                {
                    try
                    {
                        sockets[index] = await SioWebSocket.ConnectAsync(endpoint, addresses.For(index), bufferSize, concurrentSends(index), cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is System.Net.Sockets.SocketException or InvalidDataException or OperationCanceledException or IOException)
                    {
                        lock (errors)
                        {
                            errors.Add(ex.Message);
                        }
                    }
                    finally
                    {
                        gate.Release();
                    }
                },
                CancellationToken.None);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return (sockets, [.. errors.Distinct().Take(5)]);
    }

    /// <summary>Closes and disposes every connection, each waiting at most <paramref name="timeout"/>.</summary>
    public static async Task CloseAllAsync(IEnumerable<SioWebSocket?> sockets, TimeSpan timeout)
    {
        var open = sockets.OfType<SioWebSocket>().ToArray();
        await Task.WhenAll(open.Select(s => s.CloseAsync(timeout))).ConfigureAwait(false);
        foreach (var socket in open)
        {
            socket.Dispose();
        }
    }
}
