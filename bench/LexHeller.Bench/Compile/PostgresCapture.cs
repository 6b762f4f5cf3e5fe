using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LexHeller.Bench.Compile;

/// <summary>
/// Captures each statement EF Core sends to PostgreSQL with its parameters written in as literals, so psql can run the
/// same statements. A literal lets the server plan for the value, as the driver's first executions of a parameterised
/// statement do (custom plans), so the plans match.
/// </summary>
internal sealed partial class PostgresCapture(List<string> statements) : DbCommandInterceptor
{
    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Add(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Add(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Add(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Add(command);
        return result;
    }

    private void Add(DbCommand command)
    {
        var values = command.Parameters.Cast<DbParameter>()
            .ToDictionary(p => p.ParameterName.TrimStart('@', '$'), p => Literal(p.Value), StringComparer.Ordinal);
        var positional = command.Parameters.Cast<DbParameter>().Select(p => Literal(p.Value)).ToList();
        var sql = Placeholder().Replace(command.CommandText, m =>
        {
            var name = m.Groups[1].Value;
            if (m.Value[0] == '$' && int.TryParse(name, out var i) && i >= 1 && i <= positional.Count && !values.ContainsKey(name)) return positional[i - 1];
            return values.TryGetValue(name, out var literal) ? literal : m.Value;
        });
        statements.Add(sql);
    }

    private static string Literal(object? value) => value switch
    {
        null or DBNull => "NULL",
        bool b => b ? "TRUE" : "FALSE",
        string t => Quote(t),
        Guid g => Quote(g.ToString()) + "::uuid",
        DateTime d => Quote(d.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + (d.Kind == DateTimeKind.Utc ? "+00" : "")) +
                      (d.Kind == DateTimeKind.Utc ? "::timestamptz" : "::timestamp"),
        DateTimeOffset o => Quote(o.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00") + "::timestamptz",
        DateOnly d => Quote(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) + "::date",
        int[] a => $"ARRAY[{string.Join(",", a.Select(x => x.ToString(CultureInfo.InvariantCulture)))}]::integer[]",
        long[] a => $"ARRAY[{string.Join(",", a.Select(x => x.ToString(CultureInfo.InvariantCulture)))}]::bigint[]",
        string[] a => a.Length == 0 ? "ARRAY[]::text[]" : $"ARRAY[{string.Join(",", a.Select(Quote))}]::text[]",
        IEnumerable e and not string => List(e),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(value.ToString() ?? ""),
    };

    private static string List(IEnumerable e)
    {
        var items = e.Cast<object?>().ToList();
        var first = items.FirstOrDefault(i => i is not null);
        var type = first switch { int => "integer", long => "bigint", Guid => "uuid", _ => "text" };
        return items.Count == 0 ? $"ARRAY[]::{type}[]" : $"ARRAY[{string.Join(",", items.Select(Literal))}]::{type}[]";
    }

    private static string Quote(string text) => new StringBuilder("'").Append(text.Replace("'", "''", StringComparison.Ordinal)).Append('\'').ToString();

    [GeneratedRegex(@"[@$]([A-Za-z_][A-Za-z0-9_]*|\d+)\b")]
    private static partial Regex Placeholder();
}
