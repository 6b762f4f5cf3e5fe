using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LexHeller.Core.Compilations;

public enum CompilationScope
{
    /// <summary>One förbund's own cases.</summary>
    Forbund,
    /// <summary>Every förbund that opted in to sharing, together: counts only, never a case.</summary>
    Joint,
}

public enum PeriodKind { Month, Tertial, Year, Custom }

public enum CompilationStatus { Queued, Running, Done, Failed }

/// <summary>
/// A compiled report: its period, scope and filters, when it was computed, and its exact figures. What each
/// audience sees of them (small counts suppressed for everyone but the kansli) is worked out when it is shown.
/// </summary>
public class Compilation
{
    private Compilation() { }

    public Compilation(CompilationScope scope, int? forbundId, Period period, CompilationFilter filter, bool scheduled, string? requestedByUserId, DateTimeOffset now)
    {
        Scope = scope;
        ForbundId = forbundId;
        PeriodKind = period.Kind;
        From = period.From;
        To = period.To;
        FilterKind = filter.Kind;
        FilterCategoryId = filter.CategoryId;
        FilterOrganisationId = filter.OrganisationId;
        Scheduled = scheduled;
        RequestedByUserId = requestedByUserId;
        RequestedAt = now;
        Status = CompilationStatus.Queued;
        DedupKey = KeyFor(scope, forbundId, period, filter);
    }

    public int Id { get; private set; }
    public CompilationScope Scope { get; private set; }
    /// <summary>The förbund the compilation is for; for a joint one, the förbund that asked for it (null when scheduled).</summary>
    public int? ForbundId { get; private set; }
    public PeriodKind PeriodKind { get; private set; }
    /// <summary>First day of the period, Stockholm.</summary>
    public DateOnly From { get; private set; }
    /// <summary>Last day of the period (inclusive), Stockholm.</summary>
    public DateOnly To { get; private set; }
    public Cases.CaseKind? FilterKind { get; private set; }
    public int? FilterCategoryId { get; private set; }
    public int? FilterOrganisationId { get; private set; }
    public bool Scheduled { get; private set; }
    public string? RequestedByUserId { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public CompilationStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public string? Error { get; private set; }
    public DateTimeOffset? ComputedAt { get; private set; }
    /// <summary>The exact figures (<see cref="CompilationData"/>) as JSON.</summary>
    public string? DataJson { get; private set; }
    /// <summary>Scope, förbund, period and filters in one string: one compilation per key is queued or running at a time.</summary>
    public string DedupKey { get; private set; } = "";
    /// <summary>Set when the recipients of a scheduled compilation have been told it is ready.</summary>
    public DateTimeOffset? NotifiedAt { get; private set; }

    public Period Period => new(PeriodKind, From, To);
    public CompilationFilter Filter => new(FilterKind, FilterCategoryId, FilterOrganisationId);

    public void Complete(CompilationData data, DateTimeOffset now)
    {
        DataJson = data.ToJson();
        ComputedAt = now;
        Status = CompilationStatus.Done;
        Error = null;
    }

    /// <summary>Back in the queue after a failed attempt, with the reason shown until it succeeds.</summary>
    public void Retry(string error)
    {
        Status = CompilationStatus.Queued;
        Error = error.Length > 1000 ? error[..1000] : error;
    }

    public void Fail(string error)
    {
        Status = CompilationStatus.Failed;
        Error = error.Length > 1000 ? error[..1000] : error;
    }

    public void MarkNotified(DateTimeOffset now) => NotifiedAt = now;

    public CompilationData? Data => DataJson is null ? null : CompilationData.FromJson(DataJson);

    public static string KeyFor(CompilationScope scope, int? forbundId, Period period, CompilationFilter filter) =>
        $"{scope}:{(scope == CompilationScope.Joint ? "*" : forbundId)}:{period.From:yyyy-MM-dd}:{period.To:yyyy-MM-dd}:{filter.Kind}:{filter.CategoryId}:{filter.OrganisationId}";
}

/// <summary>A period of whole Stockholm days.</summary>
public sealed record Period(PeriodKind Kind, DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    public static Period Month(int year, int month) =>
        new(PeriodKind.Month, new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1));

    /// <summary>Tertial 1 is January–April, 2 May–August, 3 September–December.</summary>
    public static Period Tertial(int year, int tertial) =>
        new(PeriodKind.Tertial, new DateOnly(year, (tertial - 1) * 4 + 1, 1), new DateOnly(year, (tertial - 1) * 4 + 1, 1).AddMonths(4).AddDays(-1));

    public static Period Year(int year) => new(PeriodKind.Year, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    public static Period TertialOf(DateOnly day) => Tertial(day.Year, (day.Month - 1) / 4 + 1);

    /// <summary>The period of the same length just before this one (the previous month, tertial or year for those kinds).</summary>
    public Period Previous => Kind switch
    {
        PeriodKind.Month => Month(From.AddMonths(-1).Year, From.AddMonths(-1).Month),
        PeriodKind.Tertial => new(PeriodKind.Tertial, From.AddMonths(-4), From.AddDays(-1)),
        PeriodKind.Year => Year(From.Year - 1),
        PeriodKind.Custom => new(PeriodKind.Custom, From.AddDays(-Days), From.AddDays(-1)),
    };

    /// <summary>The same period a year earlier.</summary>
    public Period YearEarlier => Kind == PeriodKind.Custom
        ? new(PeriodKind.Custom, From.AddYears(-1), To.AddYears(-1))
        : new(Kind, From.AddYears(-1), new DateOnly(To.Year - 1, To.Month, DateTime.DaysInMonth(To.Year - 1, To.Month)));

    public string Label => Kind switch
    {
        PeriodKind.Month => From.ToString("MMMM yyyy", Time.Stockholm.Culture),
        PeriodKind.Tertial => $"Tertial {(From.Month - 1) / 4 + 1} {From.Year}",
        PeriodKind.Year => $"År {From.Year}",
        PeriodKind.Custom => $"{From:yyyy-MM-dd} – {To:yyyy-MM-dd}",
    };
}

/// <summary>What the kansli may narrow a compilation to.</summary>
public sealed record CompilationFilter(Cases.CaseKind? Kind = null, int? CategoryId = null, int? OrganisationId = null)
{
    public static readonly CompilationFilter None = new();
    public bool IsEmpty => Kind is null && CategoryId is null && OrganisationId is null;
}

internal sealed class CompilationConfiguration : IEntityTypeConfiguration<Compilation>
{
    public void Configure(EntityTypeBuilder<Compilation> b)
    {
        b.Property(c => c.Scope).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.PeriodKind).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.FilterKind).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.DedupKey).HasMaxLength(200).IsRequired();
        b.Property(c => c.RequestedByUserId).HasMaxLength(450);
        b.Ignore(c => c.Period);
        b.Ignore(c => c.Filter);
        b.Ignore(c => c.Data);
        // One queued or running compilation per key: a second request for the same one, even at the same instant, finds the first.
        b.HasIndex(c => c.DedupKey).IsUnique().HasFilter("\"Status\" IN ('Queued', 'Running')");
        b.HasIndex(c => new { c.ForbundId, c.RequestedAt });
    }
}
