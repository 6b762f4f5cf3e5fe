using LexHeller.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LexHeller.Core.AccessLog;

/// <summary>What was read: the kinds of access the behandlingshistorik records; stored by these names.</summary>
public enum AccessKind
{
    CasePage,
    CasePdf,
    Export,
    Search,
    /// <summary>The minutes of a BUG meeting, on their page: the cases' references, categories and decisions.</summary>
    Minutes,
    /// <summary>The minutes as a PDF, the draft or the final one.</summary>
    MinutesPdf,
}

/// <summary>
/// One read of case text: who (user, role, förbund, the log-in session and so how they authenticated), when, which
/// case (none for an export or a search over many), what in a few words, and from which page. The app only ever
/// appends these rows; removing them is for the retention rule alone.
/// </summary>
public class AccessLogEntry
{
    public const int WhatMax = 2000;

    private AccessLogEntry() { }

    public AccessLogEntry(DateTimeOffset at, string userId, string role, int? forbundId, AccessKind kind, int? caseId,
        string what, string path, string? loginSessionId)
    {
        At = at;
        UserId = userId;
        Role = role;
        ForbundId = forbundId;
        Kind = kind;
        CaseId = caseId;
        What = what.Length > WhatMax ? what[..(WhatMax - 1)] + "…" : what;
        Path = path.Length > 400 ? path[..400] : path;
        LoginSessionId = loginSessionId;
    }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string UserId { get; private set; } = "";
    /// <summary>The reader's roles in the förbund, comma-separated ("Kansli", "BugLedamot").</summary>
    public string Role { get; private set; } = "";
    public int? ForbundId { get; private set; }
    public AccessKind Kind { get; private set; }
    public int? CaseId { get; private set; }
    /// <summary>In a few words: the export's file name, or a search's words, count and the ids of the cases it showed.</summary>
    public string What { get; private set; } = "";
    public string Path { get; private set; } = "";
    public string? LoginSessionId { get; private set; }
}

/// <summary>
/// Writes one row per read, in the request that reads. A failed write fails the request: a public body must not show
/// what it did not log, so nothing here catches.
/// </summary>
public sealed class AccessLogWriter(LexHellerDb db, TimeProvider clock)
{
    public sealed record Reader(string UserId, string Role, string? LoginSessionId, string Path);

    public async Task RecordAsync(Reader reader, int? forbundId, AccessKind kind, int? caseId, string what, CancellationToken ct = default)
    {
        // The pages that read call this after their queries, which track nothing, so this save is the one INSERT.
        db.AccessLog.Add(new AccessLogEntry(clock.GetUtcNow(), reader.UserId, reader.Role, forbundId, kind, caseId, what, reader.Path, reader.LoginSessionId));
        await db.SaveChangesAsync(ct);
    }
}

internal sealed class AccessLogEntryConfiguration : IEntityTypeConfiguration<AccessLogEntry>
{
    public void Configure(EntityTypeBuilder<AccessLogEntry> b)
    {
        b.ToTable("AccessLog");
        b.Property(a => a.UserId).HasMaxLength(450).IsRequired();
        b.Property(a => a.Role).HasMaxLength(100).IsRequired();
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20).IsRequired();
        b.Property(a => a.What).HasMaxLength(AccessLogEntry.WhatMax).IsRequired();
        b.Property(a => a.Path).HasMaxLength(400).IsRequired();
        b.Property(a => a.LoginSessionId).HasMaxLength(100);
        b.HasIndex(a => new { a.ForbundId, a.At });
        b.HasIndex(a => new { a.CaseId, a.At });
        b.HasIndex(a => new { a.UserId, a.At });
    }
}
