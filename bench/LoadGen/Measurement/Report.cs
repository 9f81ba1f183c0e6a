using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SocketIo.LoadGen.Measurement;

/// <summary>
/// A scenario's results in order: printed as an aligned table for people and as one JSON line (flat, stable
/// keys) for scripts. Unknown values (null) show as "n/a" and are written as JSON null.
/// </summary>
internal sealed class Report(string scenario)
{
    private readonly List<(string Key, string Label, object? Value, string Unit)> _rows = [];

    /// <summary>Adds a text value.</summary>
    public Report Add(string key, string label, string? value) => AddRow(key, label, value, "");

    /// <summary>Adds an integer value.</summary>
    public Report Add(string key, string label, long? value, string unit = "") => AddRow(key, label, value, unit);

    /// <summary>Adds a number, rounded to <paramref name="decimals"/> in both outputs.</summary>
    public Report Add(string key, string label, double? value, string unit = "", int decimals = 2) =>
        AddRow(key, label, value is { } v && double.IsFinite(v) ? Math.Round(v, decimals) : null, unit);

    /// <summary>Writes the table, then the JSON line.</summary>
    public void WriteTo(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var width = _rows.Max(r => r.Label.Length) + 2;
        output.WriteLine($"== {scenario} ==");
        foreach (var (_, label, value, unit) in _rows)
        {
            var text = value switch
            {
                null => "n/a",
                double d => d.ToString("#,0.##", CultureInfo.InvariantCulture),
                long l => l.ToString("#,0", CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            output.WriteLine($"{label.PadRight(width)}{text} {unit}".TrimEnd());
        }

        output.WriteLine(ToJson());
    }

    /// <summary>The single-line JSON object (scenario name first).</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("scenario", scenario);
            foreach (var (key, _, value, _) in _rows)
            {
                switch (value)
                {
                    case null:
                        json.WriteNull(key);
                        break;
                    case double d:
                        json.WriteNumber(key, d);
                        break;
                    case long l:
                        json.WriteNumber(key, l);
                        break;
                    default:
                        json.WriteString(key, value.ToString());
                        break;
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private Report AddRow(string key, string label, object? value, string unit)
    {
        _rows.Add((key, label, value, unit));
        return this;
    }
}
