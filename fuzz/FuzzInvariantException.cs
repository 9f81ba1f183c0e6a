namespace SocketIo.Fuzz;

/// <summary>Thrown by a fuzz target when a decoder broke one of its invariants.</summary>
public sealed class FuzzInvariantException : Exception
{
    /// <summary>Creates the exception with a message that names the broken invariant.</summary>
    public FuzzInvariantException(string message) : base(message) { }

    /// <summary>Creates the exception with no message.</summary>
    public FuzzInvariantException() { }

    /// <summary>Creates the exception wrapping the unexpected exception the decoder threw.</summary>
    public FuzzInvariantException(string message, Exception inner) : base(message, inner) { }

    /// <summary>
    /// Runs <paramref name="check"/> on <paramref name="data"/>; any exception other than a broken invariant is
    /// itself a broken invariant (decoders report bad input through their own results, never by throwing).
    /// </summary>
    public static void Guard(ReadOnlySpan<byte> data, SpanCheck check, string component)
    {
        ArgumentNullException.ThrowIfNull(check);
        try
        {
            check(data);
        }
        catch (FuzzInvariantException)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw new FuzzInvariantException($"{component} threw {ex.GetType().Name}", ex);
        }
    }

    /// <summary>Throws when <paramref name="condition"/> is false.</summary>
    public static void Check(bool condition, string invariant)
    {
        if (!condition)
        {
            throw new FuzzInvariantException(invariant);
        }
    }
}

/// <summary>A fuzz check over one input.</summary>
public delegate void SpanCheck(ReadOnlySpan<byte> data);
