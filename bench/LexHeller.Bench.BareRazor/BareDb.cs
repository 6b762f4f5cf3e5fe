using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LexHeller.Bench.BareRazor;

/// <summary>Just the columns the bare pages read, mapped onto the app's tables; and the one table they write.</summary>
public sealed class BareDb(DbContextOptions<BareDb> options) : DbContext(options)
{
    public DbSet<CaseRow> Cases => Set<CaseRow>();
    public DbSet<EventRow> Events => Set<EventRow>();
    public DbSet<PartyRow> Parties => Set<PartyRow>();
    public DbSet<ConflictRow> Conflicts => Set<ConflictRow>();
    public DbSet<QuestionRow> Questions => Set<QuestionRow>();
    public DbSet<ReferralRow> Referrals => Set<ReferralRow>();
    public DbSet<NamedRow> Organisations => Set<NamedRow>();
    public DbSet<CategoryRow> Categories => Set<CategoryRow>();
    public DbSet<UserRow> Users => Set<UserRow>();
    public DbSet<BareRow> BareRows => Set<BareRow>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<CaseRow>().ToTable("Cases");
        b.Entity<EventRow>().ToTable("CaseEvents");
        b.Entity<PartyRow>().ToTable("CaseParties");
        b.Entity<ConflictRow>().ToTable("RuleConflicts");
        b.Entity<QuestionRow>().ToTable("CaseQuestions");
        b.Entity<ReferralRow>().ToTable("CaseReferrals");
        b.Entity<NamedRow>().ToTable("Organisations");
        b.Entity<CategoryRow>().ToTable("Categories");
        b.Entity<UserRow>().ToTable("AspNetUsers");
        b.Entity<BareRow>().ToTable("BareRows");
        if (Database.ProviderName != "Npgsql.EntityFrameworkCore.PostgreSQL") return;

        // PostgreSQL keeps instants as timestamptz and dates as date where SQLite keeps ticks and text; the pages
        // read the same values either way.
        var ticks = new ValueConverter<long, DateTimeOffset>(t => new DateTimeOffset(t, TimeSpan.Zero), d => d.UtcTicks);
        var date = new ValueConverter<string, DateOnly>(t => DateOnly.ParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        b.Entity<CaseRow>().Property(c => c.SubmittedAt).HasConversion(ticks);
        b.Entity<CaseRow>().Property(c => c.UpdatedAt).HasConversion(ticks);
        b.Entity<CaseRow>().Property(c => c.EventDate).HasConversion((ValueConverter)date);
        b.Entity<EventRow>().Property(e => e.At).HasConversion(ticks);
        b.Entity<ReferralRow>().Property(r => r.DueDate).HasConversion(date);
    }
}

public sealed class CaseRow
{
    public int Id { get; set; }
    public int ForbundId { get; set; }
    public string Kind { get; set; } = "";
    public string State { get; set; } = "";
    public string? Reference { get; set; }
    public int? ReferenceYear { get; set; }
    public int? ReferenceSequence { get; set; }
    public int? CategoryId { get; set; }
    public string? HandlerUserId { get; set; }
    public string ReporterUserId { get; set; } = "";
    public int ReporterOrganisationId { get; set; }
    public string? EventDate { get; set; }
    public string? WhatHappened { get; set; }
    public string? Consequences { get; set; }
    public string? Suggestion { get; set; }
    public string? Summary { get; set; }
    public string? Answer { get; set; }
    public long? SubmittedAt { get; set; }
    public long UpdatedAt { get; set; }
}

public sealed class EventRow
{
    public long Id { get; set; }
    public int CaseId { get; set; }
    public long At { get; set; }
    public string ActorUserId { get; set; } = "";
    public string ActorRole { get; set; } = "";
    public string Action { get; set; } = "";
    public string ToState { get; set; } = "";
    public string? Comment { get; set; }
}

public sealed class PartyRow
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public int? OrganisationId { get; set; }
    public string? OtherActorName { get; set; }
}

public sealed class ConflictRow
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public int Position { get; set; }
    public int? PartyAOrganisationId { get; set; }
    public string RequirementA { get; set; } = "";
    public int? PartyBOrganisationId { get; set; }
    public string RequirementB { get; set; } = "";
}

public sealed class QuestionRow
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public string Question { get; set; } = "";
    public string? Answer { get; set; }
}

public sealed class ReferralRow
{
    public int Id { get; set; }
    public int CaseId { get; set; }
    public int Round { get; set; }
    public int OrganisationId { get; set; }
    public string DueDate { get; set; } = "";
    public string Status { get; set; } = "";
    public string? Response { get; set; }
}

public sealed class NamedRow
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
}

public sealed class CategoryRow
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
}

public sealed class UserRow
{
    public string Id { get; set; } = "";
    public string FullName { get; set; } = "";
    public string? NormalizedEmail { get; set; }
    public string? PasswordHash { get; set; }
}

public sealed class BareRow
{
    public long Id { get; set; }
    public long At { get; set; }
    public string Text { get; set; } = "";
}

/// <summary>As the app does per connection: wait inside SQLite for the write lock; the same durability (WAL, no fsync per commit).</summary>
public sealed class BusyTimeout : DbConnectionInterceptor
{
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";
        command.ExecuteNonQuery();
    }
}
