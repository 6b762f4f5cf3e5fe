namespace LexHeller.Bench;

/// <summary>A failure the harness explains in one line instead of a stack trace.</summary>
public sealed class BenchException(string message) : Exception(message);

/// <summary>Command-line options: <c>--name value</c> pairs and bare <c>--flag</c>s.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public static Options Parse(IEnumerable<string> args)
    {
        var options = new Options();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal)) throw new BenchException($"unexpected argument '{list[i]}'");
            var name = list[i][2..];
            var hasValue = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal);
            options._values[name] = hasValue ? list[++i] : null;
        }
        return options;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public string Require(string name) => Get(name) ?? throw new BenchException($"--{name} is required");

    public int Int(string name, int fallback) => Get(name) is { } v
        ? int.TryParse(v.Replace("_", "").Replace(",", ""), out var n) ? n : throw new BenchException($"--{name} takes a whole number, not '{v}'")
        : fallback;

    public IReadOnlyList<int> Ints(string name, IReadOnlyList<int> fallback) => Get(name) is { } v
        ? v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s.Replace("_", ""), out var n) ? n : throw new BenchException($"--{name} takes numbers separated by commas, not '{v}'"))
            .ToList()
        : fallback;
}
