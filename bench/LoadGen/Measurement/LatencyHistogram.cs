using System.Numerics;

namespace SocketIo.LoadGen.Measurement;

/// <summary>
/// A fixed-size log-linear histogram of nanosecond values (HdrHistogram's idea: 128 linear sub-buckets per
/// power of two, so any reported value is within 1/128 of a recorded one). Recording is one array increment
/// and allocates nothing; each client owns one and they are merged at the end.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 7;
    private const int SubBucketCount = 1 << SubBucketBits;

    /// <summary>Values above 2^36 ns (about 68 s) are counted as that.</summary>
    private const int MaxExponent = 36;

    private readonly long[] _counts = new long[(MaxExponent - SubBucketBits + 2) * SubBucketCount];

    /// <summary>Values recorded.</summary>
    public long Count { get; private set; }

    /// <summary>Largest value recorded, exact.</summary>
    public long Max { get; private set; }

    /// <summary>Counts one value (negative counts as 0).</summary>
    public void Record(long nanoseconds)
    {
        var value = Math.Clamp(nanoseconds, 0, (1L << MaxExponent) - 1);
        _counts[IndexOf(value)]++;
        Count++;
        if (nanoseconds > Max)
        {
            Max = nanoseconds;
        }
    }

    /// <summary>Adds every count of <paramref name="other"/> to this one.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>
    /// The value at <paramref name="percentile"/> (0-100): the highest value of the bucket holding that rank,
    /// so a reported percentile is never lower than the true one. 100 returns the exact maximum.
    /// </summary>
    public long GetPercentile(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }

        if (percentile >= 100)
        {
            return Max;
        }

        var rank = (long)Math.Ceiling(percentile / 100 * Count);
        rank = Math.Max(rank, 1);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(HighestValueOf(i), Max);
            }
        }

        return Max;
    }

    private static int IndexOf(long value)
    {
        // Values below 2 * SubBucketCount map one to one; above, each power of two gets SubBucketCount buckets.
        var msb = 63 - BitOperations.LeadingZeroCount((ulong)value | 1);
        if (msb <= SubBucketBits)
        {
            return (int)value;
        }

        var shift = msb - SubBucketBits;
        return (shift * SubBucketCount) + (int)(value >> shift);
    }

    private static long HighestValueOf(int index)
    {
        if (index < 2 * SubBucketCount)
        {
            return index;
        }

        var shift = (index / SubBucketCount) - 1;
        var sub = index - (shift * SubBucketCount);
        return ((long)(sub + 1) << shift) - 1;
    }
}
