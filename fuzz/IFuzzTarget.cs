namespace SocketIo.Fuzz;

/// <summary>
/// One decoder under fuzz. <see cref="Run"/> feeds arbitrary bytes to the decoder and checks its invariants:
/// it may only fail through <see cref="FuzzInvariantException"/> (a real bug); the decoder's own documented
/// error results are not failures.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>Short, unique name used on the command line (for example <c>eio-packet</c>).</summary>
    string Name { get; }

    /// <summary>Valid and near-valid inputs that start the corpus and the smoke mutations.</summary>
    IEnumerable<byte[]> Seeds { get; }

    /// <summary>Decodes <paramref name="data"/> and asserts the target's invariants.</summary>
    void Run(ReadOnlySpan<byte> data);
}
