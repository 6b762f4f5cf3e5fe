using System.Text.RegularExpressions;

namespace LexHeller.Web.Tests.Architecture;

/// <summary>
/// The access log is append-only for the app: a row that could be changed or removed by a page or a command would
/// not prove who read what. Only the retention rule's gallring may remove rows, and only in its one file.
/// </summary>
public partial class AccessLogAppendOnlyTests
{
    [GeneratedRegex(@"\bAccessLog\s*\.\s*(?:Remove|RemoveRange|Update|UpdateRange|Attach)\b|\bAccessLog\b[^;]*\.\s*Execute(?:Delete|Update)|\b(?:Remove|Update)(?:Range)?\s*\(\s*[^;]*AccessLogEntry|""?AccessLog""?\s+(?:SET|WHERE)|DELETE\s+FROM\s+""?AccessLog|UPDATE\s+""?AccessLog")]
    private static partial Regex ChangesAccessLog();

    /// <summary>The nightly gallring, which deletes rows older than the förbund's retention period.</summary>
    private const string Gallring = "LexHeller.Core/Retention/GallringJob.cs";

    [Fact]
    public void No_code_in_the_app_but_the_gallring_updates_or_removes_an_access_log_row()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var offenders = Directory.EnumerateFiles(src, "*.cs*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs") || f.EndsWith(".cshtml"))
            .Select(f => Path.GetRelativePath(src, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/") && !f.Contains("/CompiledModel/"))
            .Where(f => ChangesAccessLog().IsMatch(File.ReadAllText(Path.Combine(src, f))))
            .Order()
            .ToList();
        Assert.Equal([Gallring], offenders);
    }

    [Fact]
    public void The_pattern_finds_the_ways_of_changing_a_row()
    {
        Assert.Matches(ChangesAccessLog(), "db.AccessLog.Remove(entry);");
        Assert.Matches(ChangesAccessLog(), "await db.AccessLog.Where(a => a.At < cutoff).ExecuteDeleteAsync();");
        Assert.Matches(ChangesAccessLog(), "db.Update(new AccessLogEntry(now, u, r, 1, k, null, w, p, s));");
        Assert.Matches(ChangesAccessLog(), "DELETE FROM \"AccessLog\" WHERE 1");
        Assert.DoesNotMatch(ChangesAccessLog(), "db.AccessLog.Add(new AccessLogEntry(now, u, r, 1, k, null, w, p, s));");
        Assert.DoesNotMatch(ChangesAccessLog(), "var rows = db.AccessLog.AsNoTracking().Where(a => a.ForbundId == id);");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "LexHeller.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No LexHeller.sln above {AppContext.BaseDirectory}.");
    }
}
