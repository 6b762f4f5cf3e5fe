using System.Text;
using System.Text.RegularExpressions;

namespace LexHeller.Bench.Compile;

/// <summary>
/// Reads back from PostgreSQL's own log what one session executed (log_statement = all, set on that session only):
/// each statement as the server received it, with the parameters the server logged beside it written in as the
/// literals it printed, so psql can run exactly the same statements. The compilation sends most of its statements as
/// plain ADO.NET commands, past EF Core's interceptors, so the server's log is the one place that sees them all.
/// </summary>
internal static partial class ServerLogCapture
{
    public static List<string> Statements(string logFile, int backendPid, string startMarker)
    {
        var entries = new List<(string Kind, StringBuilder Text)>();
        var ours = false;
        foreach (var line in File.ReadLines(logFile))
        {
            var m = LogLine().Match(line);
            if (m.Success)
            {
                ours = m.Groups["pid"].Value == backendPid.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (ours) entries.Add((m.Groups["kind"].Value, new StringBuilder(m.Groups["text"].Value)));
            }
            else if (ours && line.StartsWith('\t') && entries.Count > 0)
            {
                entries[^1].Text.Append('\n').Append(line[1..]);
            }
        }

        var statements = new List<string>();
        var started = false;
        foreach (var (kind, text) in entries)
        {
            var t = text.ToString();
            if (kind == "LOG" && Statement().Match(t) is { Success: true } s)
            {
                var sql = s.Groups["sql"].Value;
                if (sql.Contains(startMarker, StringComparison.Ordinal))
                {
                    started = true;
                    continue;
                }
                if (started && !sql.StartsWith("SET log_statement", StringComparison.Ordinal)) statements.Add(sql);
            }
            else if (kind == "DETAIL" && started && statements.Count > 0 && t.StartsWith("parameters: ", StringComparison.Ordinal))
            {
                var values = Parameters(t["parameters: ".Length..]);
                statements[^1] = Placeholder().Replace(statements[^1], p =>
                    values.TryGetValue(int.Parse(p.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), out var v) ? v : p.Value);
            }
        }
        return statements;
    }

    /// <summary><c>$1 = '12', $2 = NULL, $3 = 'it''s'</c>: each value as the literal the server printed.</summary>
    private static Dictionary<int, string> Parameters(string text)
    {
        var values = new Dictionary<int, string>();
        var i = 0;
        while (i < text.Length)
        {
            var m = ParameterStart().Match(text, i);
            if (!m.Success || m.Index != i) break;
            var n = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            i += m.Length;
            if (text.AsSpan(i).StartsWith("NULL"))
            {
                values[n] = "NULL";
                i += 4;
            }
            else if (i < text.Length && text[i] == '\'')
            {
                var end = i + 1;
                while (end < text.Length)
                {
                    if (text[end] == '\'' && end + 1 < text.Length && text[end + 1] == '\'') end += 2;
                    else if (text[end] == '\'') break;
                    else end++;
                }
                values[n] = Typed(text[i..(end + 1)]);
                i = end + 1;
            }
            else break;
            if (text.AsSpan(i).StartsWith(", ")) i += 2;
        }
        return values;
    }

    /// <summary>
    /// The log prints values without their types, and a bare literal in VALUES (the compilation's table of deadlines)
    /// would be text: dates and instants, the two shapes the app binds besides numbers and strings, get their casts back.
    /// </summary>
    private static string Typed(string literal) =>
        DateLiteral().IsMatch(literal) ? literal + "::date" : InstantLiteral().IsMatch(literal) ? literal + "::timestamptz" : literal;

    [GeneratedRegex(@"^'\d{4}-\d{2}-\d{2}'$")]
    private static partial Regex DateLiteral();

    [GeneratedRegex(@"^'\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}(:\d{2})?'$")]
    private static partial Regex InstantLiteral();

    [GeneratedRegex(@"^\S+ \S+ \S+ \[(?<pid>\d+)\] (?<kind>LOG|DETAIL|ERROR|STATEMENT):  (?<text>.*)$")]
    private static partial Regex LogLine();

    [GeneratedRegex(@"^(?:execute [^:]*|statement): (?<sql>.*)$", RegexOptions.Singleline)]
    private static partial Regex Statement();

    [GeneratedRegex(@"\$(\d+)\b")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\$(\d+) = ")]
    private static partial Regex ParameterStart();
}
