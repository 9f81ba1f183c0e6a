namespace SocketIo.LoadGen.Scenarios;

/// <summary>
/// One burst of a fanout run: <see cref="Messages"/> sequence numbers published under round
/// <see cref="Number"/>; completes when every client has received all of them.
/// </summary>
internal sealed class FanoutRound(int number, int messages, int clients)
{
    private readonly TaskCompletionSource _allDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _clientsLeft = clients;

    /// <summary>The round number carried in every payload.</summary>
    public int Number { get; } = number;

    /// <summary>Messages published in this round.</summary>
    public int Messages { get; } = messages;

    /// <summary>Completes when the last client got its last message.</summary>
    public Task AllDone => _allDone.Task;

    /// <summary>Called once by each client that has received every message of the round.</summary>
    public void ClientDone()
    {
        if (Interlocked.Decrement(ref _clientsLeft) == 0)
        {
            _allDone.TrySetResult();
        }
    }
}
