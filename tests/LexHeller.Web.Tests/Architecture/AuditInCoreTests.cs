using System.Text.RegularExpressions;

namespace LexHeller.Web.Tests.Architecture;

/// <summary>
/// The audit trail is written by Core's intent methods in the same save as the change they record. A page that
/// builds its own audit line can save one without the other, or word the same event differently from its neighbour.
/// </summary>
public partial class AuditInCoreTests
{
    // `new AuditEntry(...)`, and a target-typed `new(...)` where the declared type is AuditEntry.
    [GeneratedRegex(@"\bnew\s+(?:LexHeller\.Core\.Audit\.)?AuditEntry\s*\(|\bAuditEntry\b[^;{}]*?(?:=>|=)\s*new\s*\(")]
    private static partial Regex ConstructsAuditEntry();

    [Fact]
    public void No_file_in_the_web_project_constructs_an_audit_entry()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "LexHeller.Web");
        var offenders = Directory.EnumerateFiles(web, "*.cs*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs") || f.EndsWith(".cshtml"))
            .Select(f => Path.GetRelativePath(web, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/") && !f.StartsWith("obj/"))
            .Where(f => ConstructsAuditEntry().IsMatch(File.ReadAllText(Path.Combine(web, f))))
            .Order()
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void The_pattern_finds_both_ways_of_writing_a_construction()
    {
        Assert.Matches(ConstructsAuditEntry(), "db.AuditEntries.Add(new AuditEntry(now, actor, 1, a, s, null, null));");
        Assert.Matches(ConstructsAuditEntry(), "private AuditEntry Audit(string action, string? before) =>\n        new(clock.GetUtcNow(), actor);");
        Assert.DoesNotMatch(ConstructsAuditEntry(), "var query = db.AuditEntries.AsNoTracking().Where(a => a.ForbundId == id);");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "LexHeller.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No LexHeller.sln above {AppContext.BaseDirectory}.");
    }
}
