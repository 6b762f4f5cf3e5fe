using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LexHeller.Core.Retention;

/// <summary>
/// How long a förbund keeps what Lex Heller holds, as its informationshanteringsplan says. A förbund that never set
/// its own rule keeps <see cref="Defaults"/>.
/// </summary>
public sealed record RetentionPeriods(int ConcludedYears, int ClosedYears, int DraftDays, int AccessLogYears, int OutboxDays)
{
    public static readonly RetentionPeriods Defaults = new(5, 2, 90, 3, 90);

    public const int MaxYears = 100;
    public const int MaxDays = 3650;
}

/// <summary>One förbund's own retention periods; absent until the kansli first saves them.</summary>
public class RetentionRule
{
    private RetentionRule() { }

    internal RetentionRule(int forbundId) => ForbundId = forbundId;

    public int ForbundId { get; private set; }
    /// <summary>Concluded (Avslutad) cases: years after the conclusion.</summary>
    public int ConcludedYears { get; private set; }
    /// <summary>Rejected (Avvisad) and withdrawn (Återkallad) cases: years after that decision.</summary>
    public int ClosedYears { get; private set; }
    /// <summary>Drafts never sent in: days after their last change.</summary>
    public int DraftDays { get; private set; }
    public int AccessLogYears { get; private set; }
    /// <summary>Sent mail in the outbox: days after sending.</summary>
    public int OutboxDays { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedByUserId { get; private set; } = "";

    public RetentionPeriods Periods => new(ConcludedYears, ClosedYears, DraftDays, AccessLogYears, OutboxDays);

    internal void Set(RetentionPeriods p, string userId, DateTimeOffset now)
    {
        ConcludedYears = p.ConcludedYears;
        ClosedYears = p.ClosedYears;
        DraftDays = p.DraftDays;
        AccessLogYears = p.AccessLogYears;
        OutboxDays = p.OutboxDays;
        UpdatedByUserId = userId;
        UpdatedAt = now;
    }
}

/// <summary>
/// A case the kansli keeps past its gallring date, with the reason; the nightly gallring skips it until the hold is
/// released (the row is then removed, and the audit trail keeps who held and released it and why).
/// </summary>
public class RetentionHold
{
    public const int ReasonMax = 1000;

    private RetentionHold() { }

    internal RetentionHold(int caseId, string reason, string userId, DateTimeOffset now)
    {
        CaseId = caseId;
        Reason = reason;
        HeldByUserId = userId;
        HeldAt = now;
    }

    public int CaseId { get; private set; }
    public string Reason { get; private set; } = "";
    public string HeldByUserId { get; private set; } = "";
    public DateTimeOffset HeldAt { get; private set; }
}

internal sealed class RetentionRuleConfiguration : IEntityTypeConfiguration<RetentionRule>
{
    public void Configure(EntityTypeBuilder<RetentionRule> b)
    {
        b.ToTable("RetentionRules");
        b.HasKey(r => r.ForbundId);
        b.Property(r => r.ForbundId).ValueGeneratedNever();
        b.HasOne<Organisations.Forbund>().WithMany().HasForeignKey(r => r.ForbundId).OnDelete(DeleteBehavior.Cascade);
        b.Property(r => r.UpdatedByUserId).HasMaxLength(450).IsRequired();
        b.Ignore(r => r.Periods);
    }
}

internal sealed class RetentionHoldConfiguration : IEntityTypeConfiguration<RetentionHold>
{
    public void Configure(EntityTypeBuilder<RetentionHold> b)
    {
        b.ToTable("RetentionHolds");
        b.HasKey(h => h.CaseId);
        b.Property(h => h.CaseId).ValueGeneratedNever();
        b.HasOne<Cases.Case>().WithMany().HasForeignKey(h => h.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.Property(h => h.Reason).HasMaxLength(RetentionHold.ReasonMax).IsRequired();
        b.Property(h => h.HeldByUserId).HasMaxLength(450).IsRequired();
    }
}
