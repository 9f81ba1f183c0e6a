using System.Globalization;

namespace SocketIo.LoadGen.Cli;

/// <summary>
/// <c>--name value</c> options after the scenario name. A scenario reads what it knows with the typed
/// getters, then calls <see cref="ThrowIfUnused"/> so a misspelled option fails instead of being ignored.
/// </summary>
internal sealed class ScenarioArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>Parses <c>--name value</c> and <c>--name=value</c> pairs; throws <see cref="FormatException"/> otherwise.</summary>
    public ScenarioArguments(IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new FormatException($"unexpected argument '{arg}'");
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                _values[arg[2..eq]] = arg[(eq + 1)..];
            }
            else if (e.MoveNext())
            {
                _values[arg[2..]] = e.Current;
            }
            else
            {
                throw new FormatException($"option '{arg}' needs a value");
            }
        }
    }

    /// <summary>The option's text, or <paramref name="fallback"/>.</summary>
    public string? GetString(string name, string? fallback = null)
    {
        _used.Add(name);
        return _values.TryGetValue(name, out var value) ? value : fallback;
    }

    /// <summary>The option as an integer in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/>.</summary>
    public int GetInt(string name, int fallback, int min = 0, int max = int.MaxValue)
    {
        var text = GetString(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"--{name} must be an integer from {min} to {max}");
    }

    /// <summary>The option as an integer, or null when absent.</summary>
    public int? GetOptionalInt(string name) => GetString(name) is null ? null : GetInt(name, 0, 1);

    /// <summary>The option as seconds (fractions allowed), or <paramref name="fallback"/>.</summary>
    public TimeSpan GetSeconds(string name, double fallback)
    {
        var text = GetString(name);
        if (text is null)
        {
            return TimeSpan.FromSeconds(fallback);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && value <= 3600
            ? TimeSpan.FromSeconds(value)
            : throw new FormatException($"--{name} must be a number of seconds from 0 to 3600");
    }

    /// <summary>The option as an absolute URI, or null when absent.</summary>
    public Uri? GetUri(string name)
    {
        var text = GetString(name);
        if (text is null)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : throw new FormatException($"--{name} must be an absolute URL");
    }

    /// <summary>Throws <see cref="FormatException"/> naming options no getter asked for.</summary>
    public void ThrowIfUnused()
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).ToArray();
        if (unknown.Length > 0)
        {
            throw new FormatException($"unknown option(s): {string.Join(", ", unknown.Select(k => "--" + k))}");
        }
    }
}
