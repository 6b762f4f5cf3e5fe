using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LexHeller.Core.AccessLog;

/// <summary>The loggkontroll's rules for unusual reading; stored by these names.</summary>
public enum AccessRule
{
    /// <summary>More different cases than the förbund's limit within its window of minutes.</summary>
    ManyCases,
    /// <summary>Reads before or after office hours on a weekday, or on a Saturday or Sunday (Stockholm time).</summary>
    OutsideOfficeHours,
    /// <summary>A case where none of the reader's organisations is a party (the kansli and administrators excepted).</summary>
    OtherPartysCase,
}

/// <summary>
/// A förbund's limits for the loggkontroll. A förbund without a row uses <see cref="Defaults"/>; the kansli's first
/// save creates the row.
/// </summary>
public class AccessReviewSettings
{
    public const int DefaultManyCases = 20;
    public const int DefaultWindowMinutes = 60;
    public static readonly TimeOnly DefaultOfficeStart = new(7, 0);
    public static readonly TimeOnly DefaultOfficeEnd = new(18, 0);

    private AccessReviewSettings() { }

    public AccessReviewSettings(int forbundId) : this()
    {
        ForbundId = forbundId;
        ManyCases = DefaultManyCases;
        WindowMinutes = DefaultWindowMinutes;
        OfficeStart = DefaultOfficeStart;
        OfficeEnd = DefaultOfficeEnd;
    }

    public static AccessReviewSettings Defaults(int forbundId) => new(forbundId);

    public int ForbundId { get; private set; }
    /// <summary>A reader is flagged who opens more than this many different cases within <see cref="WindowMinutes"/>.</summary>
    public int ManyCases { get; private set; }
    public int WindowMinutes { get; private set; }
    /// <summary>Office hours on weekdays, Stockholm time; reads before the start or from the end on are flagged.</summary>
    public TimeOnly OfficeStart { get; private set; }
    public TimeOnly OfficeEnd { get; private set; }

    public void Set(int manyCases, int windowMinutes, TimeOnly officeStart, TimeOnly officeEnd)
    {
        if (manyCases < 1 || windowMinutes < 1 || officeStart >= officeEnd)
            throw new ArgumentException("The limits must be positive and the office hours must end after they start.");
        ManyCases = manyCases;
        WindowMinutes = windowMinutes;
        OfficeStart = officeStart;
        OfficeEnd = officeEnd;
    }

    /// <summary>Whether a read at this Stockholm local time falls outside office hours.</summary>
    public bool IsOutsideOfficeHours(DateTime local) =>
        local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday
        || TimeOnly.FromDateTime(local) < OfficeStart || TimeOnly.FromDateTime(local) >= OfficeEnd;
}

/// <summary>
/// One finding of the weekly loggkontroll: one person, one rule, one week (Monday, Stockholm) of one förbund, naming
/// the reads concerned by their count, first and last time and the cases. The kansli marks it checked with a note;
/// the log rows themselves are never changed.
/// </summary>
public class AccessFlag
{
    public const int CasesMax = 2000;
    public const int NoteMax = 1000;

    private AccessFlag() { }

    public AccessFlag(int forbundId, string userId, AccessRule rule, DateOnly week, int reads, DateTimeOffset firstAt,
        DateTimeOffset lastAt, IEnumerable<string> cases, DateTimeOffset now)
    {
        ForbundId = forbundId;
        UserId = userId;
        Rule = rule;
        Week = week;
        Reads = reads;
        FirstAt = firstAt;
        LastAt = lastAt;
        var list = string.Join(", ", cases);
        Cases = list.Length > CasesMax ? list[..(CasesMax - 1)] + "…" : list;
        FlaggedAt = now;
    }

    public long Id { get; private set; }
    public int ForbundId { get; private set; }
    public string UserId { get; private set; } = "";
    public AccessRule Rule { get; private set; }
    /// <summary>The Monday (Stockholm) of the week reviewed.</summary>
    public DateOnly Week { get; private set; }
    /// <summary>How many log rows the finding covers.</summary>
    public int Reads { get; private set; }
    public DateTimeOffset FirstAt { get; private set; }
    public DateTimeOffset LastAt { get; private set; }
    /// <summary>The references of the cases read, comma-separated; empty when the rows named no single case.</summary>
    public string Cases { get; private set; } = "";
    public DateTimeOffset FlaggedAt { get; private set; }
    public DateTimeOffset? CheckedAt { get; private set; }
    public string? CheckedByUserId { get; private set; }
    public string? CheckNote { get; private set; }

    public bool IsChecked => CheckedAt is not null;

    public void MarkChecked(string userId, string note, DateTimeOffset now)
    {
        if (IsChecked) throw new InvalidOperationException("The flag is already checked.");
        CheckedAt = now;
        CheckedByUserId = userId;
        CheckNote = note;
    }
}

internal sealed class AccessReviewSettingsConfiguration : IEntityTypeConfiguration<AccessReviewSettings>
{
    public void Configure(EntityTypeBuilder<AccessReviewSettings> b)
    {
        b.ToTable("AccessReviewSettings");
        b.HasKey(s => s.ForbundId);
        b.Property(s => s.ForbundId).ValueGeneratedNever();
        b.HasOne<Organisations.Forbund>().WithMany().HasForeignKey(s => s.ForbundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AccessFlagConfiguration : IEntityTypeConfiguration<AccessFlag>
{
    public void Configure(EntityTypeBuilder<AccessFlag> b)
    {
        b.ToTable("AccessFlags");
        b.Property(f => f.UserId).HasMaxLength(450).IsRequired();
        b.Property(f => f.Rule).HasConversion<string>().HasMaxLength(30).IsRequired();
        b.Property(f => f.Cases).HasMaxLength(AccessFlag.CasesMax).IsRequired();
        b.Property(f => f.CheckedByUserId).HasMaxLength(450);
        b.Property(f => f.CheckNote).HasMaxLength(AccessFlag.NoteMax);
        // The weekly job may run twice (a retry, a restart): the second finds its flags already there.
        b.HasIndex(f => new { f.ForbundId, f.UserId, f.Rule, f.Week }).IsUnique();
        b.HasIndex(f => new { f.ForbundId, f.CheckedAt });
    }
}
