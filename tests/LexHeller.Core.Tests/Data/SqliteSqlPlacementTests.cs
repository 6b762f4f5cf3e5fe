using System.Text;
using System.Text.RegularExpressions;

namespace LexHeller.Core.Tests.Data;

/// <summary>
/// SQL that only SQLite understands (pragmas, FTS5, triggers, checkpoints, its catalogue) lives in
/// src/LexHeller.Core/Data/Sqlite/, so a second provider has one folder to mirror and no page or feature to hunt
/// through. Migrations are per provider anyway, and the generated compiled model is left alone. Only string
/// literals are read: comments may name the SQLite mechanism they explain.
/// </summary>
public partial class SqliteSqlPlacementTests
{
    [Fact]
    public void SQLite_specific_SQL_is_written_only_under_Data_Sqlite()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var misplaced = new List<string>();
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(src, file).Replace('\\', '/');
            if (IsExempt(relative)) continue;
            foreach (var literal in StringLiterals(File.ReadAllText(file)))
                if (Marker().Match(literal) is { Success: true } m)
                    misplaced.Add($"{relative}: \"{m.Value}\" in \"{Shorten(literal)}\"");
        }

        Assert.True(misplaced.Count == 0,
            "SQLite-specific SQL outside src/LexHeller.Core/Data/Sqlite/; move it behind a class there:\n" + string.Join("\n", misplaced));
    }

    [Theory]
    [InlineData("x = \"PRAGMA optimize;\";", true)]
    [InlineData("x = $\"SELECT rowid FROM CaseSearch WHERE CaseSearch MATCH {m}\";", true)]
    [InlineData("x = @\"CREATE TRIGGER t AFTER INSERT ON Cases\";", true)]
    [InlineData("x = \"\"\"\n  PRAGMA wal_checkpoint(TRUNCATE);\n  \"\"\";", true)]
    [InlineData("x = $\"{(a ? \"b\" : \"c\")} SELECT name FROM sqlite_master\";", true)]
    [InlineData("// PRAGMA optimize, once a night\nx = \"optimize\";", false)]
    [InlineData("/* wal_checkpoint */ x = 'M'; y = \"matches\";", false)]
    [InlineData("x = \"Ärendet matchar\"; // MATCH", false)]
    public void The_scanner_reads_literals_and_skips_comments(string code, bool found) =>
        Assert.Equal(found, StringLiterals(code).Any(l => Marker().IsMatch(l)));

    private static bool IsExempt(string relative) =>
        relative.Contains("/bin/") || relative.Contains("/obj/")
        || relative.StartsWith("LexHeller.Core/Data/Sqlite/", StringComparison.Ordinal)
        || relative.StartsWith("LexHeller.Core/Data/CompiledModel/", StringComparison.Ordinal);

    /// <summary>
    /// Words that only SQLite's dialect uses: pragmas (also as table-valued functions), FTS5's MATCH and its
    /// commands, triggers, WAL checkpoints, the catalogue table and the implicit rowid.
    /// </summary>
    [GeneratedRegex(@"\bPRAGMA\b|\bpragma_\w+|(?-i:\bMATCH\b)|\bfts5\b|CREATE\s+(TEMP\s+)?TRIGGER|\bwal_checkpoint\b|\bsqlite_(master|schema|sequence|stat\d)\b|\browid\b|\bjournal_mode\b|\bVALUES\s*\(\s*'(optimize|merge|rebuild|automerge)'",
        RegexOptions.IgnoreCase)]
    private static partial Regex Marker();

    private static string Shorten(string literal)
    {
        var flat = Regex.Replace(literal, @"\s+", " ").Trim();
        return flat.Length <= 100 ? flat : flat[..100] + "…";
    }

    /// <summary>
    /// The text of every string literal in C# source: regular, verbatim, interpolated (with their holes read as
    /// code, so strings nested in a hole are found too) and raw. Comments and character literals are skipped.
    /// </summary>
    internal static List<string> StringLiterals(string code)
    {
        var found = new List<string>();
        var i = 0;
        ReadCode(code, ref i, found, closeOnBrace: false);
        return found;
    }

    /// <summary>Reads code from <paramref name="i"/>; inside an interpolation hole, stops after its closing brace.</summary>
    private static void ReadCode(string s, ref int i, List<string> found, bool closeOnBrace)
    {
        var depth = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '/' && At(s, i + 1) == '/')
            {
                while (i < s.Length && s[i] != '\n') i++;
            }
            else if (c == '/' && At(s, i + 1) == '*')
            {
                var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? s.Length : end + 2;
            }
            else if (c == '\'')
            {
                i++;
                while (i < s.Length && s[i] != '\'') i += s[i] == '\\' ? 2 : 1;
                i++;
            }
            else if (c is '"' or '$' or '@' && StringStart(s, i) is { } start)
            {
                i = start.QuoteAt;
                found.Add(ReadString(s, ref i, start.Dollars, start.Verbatim, found));
            }
            else if (c == '{')
            {
                depth++;
                i++;
            }
            else if (c == '}')
            {
                i++;
                if (depth == 0 && closeOnBrace) return;
                depth--;
            }
            else i++;
        }
    }

    private static (int QuoteAt, int Dollars, bool Verbatim)? StringStart(string s, int i)
    {
        var dollars = 0;
        var verbatim = false;
        var j = i;
        while (j < s.Length && s[j] is '$' or '@')
        {
            if (s[j] == '$') dollars++;
            else verbatim = true;
            j++;
        }
        if (At(s, j) != '"') return null;
        return (j, dollars, verbatim);
    }

    private static string ReadString(string s, ref int i, int dollars, bool verbatim, List<string> found)
    {
        var quotes = 0;
        while (At(s, i + quotes) == '"') quotes++;
        var text = new StringBuilder();
        if (quotes >= 3)
        {
            i += quotes;
            var closing = new string('"', quotes);
            while (i < s.Length && !s.AsSpan(i).StartsWith(closing))
            {
                if (dollars > 0 && s[i] == '{' && Run(s, i, '{') >= dollars)
                {
                    var run = Run(s, i, '{');
                    text.Append('{', run - dollars);
                    i += run;
                    ReadCode(s, ref i, found, closeOnBrace: true);
                    i += dollars - 1;
                    continue;
                }
                text.Append(s[i++]);
            }
            i += quotes;
            return text.ToString();
        }
        if (quotes == 2)
        {
            i += 2;
            return "";
        }
        i++;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '"')
            {
                if (verbatim && At(s, i + 1) == '"')
                {
                    text.Append('"');
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            if (!verbatim && c == '\\')
            {
                text.Append(At(s, i + 1));
                i += 2;
                continue;
            }
            if (dollars > 0 && c == '{')
            {
                if (At(s, i + 1) == '{')
                {
                    text.Append('{');
                    i += 2;
                    continue;
                }
                i++;
                ReadCode(s, ref i, found, closeOnBrace: true);
                continue;
            }
            if (!verbatim && c == '\n') break;
            text.Append(c);
            i++;
        }
        return text.ToString();
    }

    private static int Run(string s, int i, char c)
    {
        var n = 0;
        while (At(s, i + n) == c) n++;
        return n;
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LexHeller.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("LexHeller.sln not found above the test folder");
    }
}
