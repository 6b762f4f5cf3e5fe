using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Organisations;
using LexHeller.Core.Time;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LexHeller.Core.Tests.Identity;

/// <summary>
/// Which roles count as away too long, on a real SQLite file with a moved clock: more than the period of whole
/// Stockholm days since the last log-in, or, never logged in, since the later of the account and the role.
/// </summary>
public sealed class InactiveMembershipsTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lexheller-inactive-").FullName;
    private readonly FakeTimeProvider _clock = new();
    private int _ins, _snb;
    private KansliOrAdmin _kansli = null!, _admin = null!;

    // Late on a winter evening in Stockholm, which is already the next day there but not in UTC.
    private static readonly DateTimeOffset Start = Stockholm.ToUtc(new DateOnly(2026, 1, 10), new TimeOnly(0, 30));

    private LexHellerDb Db() => new(new DbContextOptionsBuilder<LexHellerDb>().UseSqlite($"Data Source={Path.Combine(_folder, "i.db")}").Options);

    private InactiveMemberships Query(LexHellerDb db, int days = 180) =>
        new(db, _clock, Options.Create(new InactivityOptions { InactiveDays = days }));

    public async Task InitializeAsync()
    {
        _clock.SetUtcNow(Start);
        await using var db = Db();
        await db.Database.EnsureCreatedAsync();
        var ins = new Forbund("Samordningsförbundet Insjöriket", "INS");
        var snb = new Forbund("Samordningsförbundet Södra Norrbotten", "SNB");
        db.Forbund.AddRange(ins, snb);
        await db.SaveChangesAsync();
        (_ins, _snb) = (ins.Id, snb.Id);
        var kansli = new AppUser("kansli@ins.example", "Kansli Insjö", Start);
        kansli.AddMembership(_ins, MembershipRole.Kansli, [], Start);
        var admin = new AppUser("admin@example.se", "Admin Istrator", Start);
        admin.AddMembership(null, MembershipRole.Administrator, [], Start);
        admin.AddMembership(_ins, MembershipRole.Styrelse, [], Start);
        db.Users.AddRange(kansli, admin);
        await db.SaveChangesAsync();
        _kansli = new KansliOrAdmin(kansli.Id, kansli.FullName, false, _ins, ins.Name);
        _admin = new KansliOrAdmin(admin.Id, admin.FullName, true, _ins, ins.Name);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<AppUser> AddAsync(string name, int? forbundId, MembershipRole role, DateTimeOffset createdAt,
        DateTimeOffset? membershipAt = null, DateTimeOffset? loggedInAt = null)
    {
        await using var db = Db();
        var user = new AppUser($"{name.Replace(' ', '.').ToLowerInvariant()}@example.se", name, createdAt);
        user.AddMembership(forbundId, role, [], membershipAt ?? createdAt);
        if (loggedInAt is { } at) user.LoggedIn(at);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    private async Task<List<InactiveMemberships.Row>> ListAsync(KansliOrAdmin viewer, int days = 180)
    {
        await using var db = Db();
        return [.. await Query(db, days).ListAsync(viewer)];
    }

    private static IEnumerable<string> Names(IEnumerable<InactiveMemberships.Row> rows) => rows.Select(r => r.FullName);

    private void MoveTo(DateOnly stockholmDay, TimeOnly time) => _clock.SetUtcNow(Stockholm.ToUtc(stockholmDay, time));

    [Fact]
    public async Task A_role_is_listed_once_more_than_the_period_of_Stockholm_days_has_passed_since_the_last_log_in()
    {
        await AddAsync("Borta Länge", _ins, MembershipRole.Rapportor, Start.AddDays(-400), loggedInAt: Start);
        var day = Stockholm.Today(Start);
        Assert.Equal(new DateOnly(2026, 1, 10), day);

        // A shorter period lists it sooner.
        MoveTo(day.AddDays(31), new TimeOnly(12, 0));
        Assert.DoesNotContain("Borta Länge", Names(await ListAsync(_kansli)));
        Assert.Contains("Borta Länge", Names(await ListAsync(_kansli, days: 30)));

        // 180 days later, to the last minute of that Stockholm day (in summer time): not yet.
        MoveTo(day.AddDays(180), new TimeOnly(23, 59));
        Assert.DoesNotContain("Borta Länge", Names(await ListAsync(_kansli)));

        // The first minute of the next day: listed, 181 days away. In UTC it is still the day before.
        MoveTo(day.AddDays(181), new TimeOnly(0, 1));
        Assert.Equal(day.AddDays(180), DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime));
        var row = Assert.Single(await ListAsync(_kansli), r => r.FullName == "Borta Länge");
        Assert.Equal(181, row.DaysAway);
        Assert.Equal(Start, row.LastLoginAt);
        Assert.True(row.MayManage);
    }

    [Fact]
    public async Task Never_logged_in_counts_from_the_later_of_the_account_and_the_role()
    {
        // An old account given its role recently: away only since the role.
        await AddAsync("Ny Roll", _ins, MembershipRole.Styrelse, Start.AddDays(-400), membershipAt: Start.AddDays(-10));
        // A new account (the role dated earlier cannot make it older).
        await AddAsync("Nytt Konto", _ins, MembershipRole.Styrelse, Start.AddDays(-10), membershipAt: Start.AddDays(-400));
        // Both long ago.
        await AddAsync("Aldrig Inloggad", _ins, MembershipRole.Rapportor, Start.AddDays(-300), membershipAt: Start.AddDays(-200));
        // Logged in recently, though account and role are old.
        await AddAsync("Nyss Inloggad", _ins, MembershipRole.Rapportor, Start.AddDays(-300), loggedInAt: Start.AddDays(-2));

        var rows = await ListAsync(_kansli);
        var never = Assert.Single(rows, r => r.FullName == "Aldrig Inloggad");
        Assert.Null(never.LastLoginAt);
        Assert.Equal(200, never.DaysAway);
        Assert.DoesNotContain("Ny Roll", Names(rows));
        Assert.DoesNotContain("Nytt Konto", Names(rows));
        Assert.DoesNotContain("Nyss Inloggad", Names(rows));

        _clock.Advance(TimeSpan.FromDays(171));
        rows = await ListAsync(_kansli);
        Assert.Equal(181, Assert.Single(rows, r => r.FullName == "Ny Roll").DaysAway);
        Assert.Equal(181, Assert.Single(rows, r => r.FullName == "Nytt Konto").DaysAway);
        Assert.DoesNotContain("Nyss Inloggad", Names(rows));
    }

    [Fact]
    public async Task Deactivated_roles_other_forbund_and_administrators_are_left_out_for_the_kansli()
    {
        var gone = await AddAsync("Redan Inaktiverad", _ins, MembershipRole.Rapportor, Start.AddDays(-400));
        await using (var db = Db())
        {
            var membership = await db.Memberships.SingleAsync(m => m.UserId == gone.Id);
            membership.Deactivate(Start);
            await db.SaveChangesAsync();
        }
        await AddAsync("Annat Förbund", _snb, MembershipRole.Rapportor, Start.AddDays(-400));
        await AddAsync("Gammal Admin", null, MembershipRole.Administrator, Start.AddDays(-400));
        await AddAsync("Gammal Rapportör", _ins, MembershipRole.Rapportor, Start.AddDays(-400));
        await AddAsync("Gammal Kansli", _ins, MembershipRole.Kansli, Start.AddDays(-400));

        var kansli = await ListAsync(_kansli);
        Assert.Equal(["Gammal Kansli", "Gammal Rapportör"], Names(kansli).Order());
        // A kansli cannot deactivate another kansli; the administrator can.
        Assert.False(kansli.Single(r => r.FullName == "Gammal Kansli").MayManage);

        var admin = await ListAsync(_admin);
        Assert.Equal(["Gammal Admin", "Gammal Kansli", "Gammal Rapportör"], Names(admin).Order());
        Assert.All(admin, r => Assert.True(r.MayManage));

        await using var count = Db();
        Assert.Equal(2, await Query(count).CountAccountsAsync(_kansli));
        Assert.Equal(3, await Query(count).CountAccountsAsync(_admin));
        Assert.Equal(2, await Query(count).CountAccountsAsync(_ins));
        Assert.Equal(1, await Query(count).CountAccountsAsync(_snb));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("1", true)]
    [InlineData("365", true)]
    [InlineData("0", false)]
    [InlineData("-5", false)]
    [InlineData("ett år", false)]
    [InlineData("4000", false)]
    public void The_period_must_be_a_whole_number_of_days(string? configured, bool valid) =>
        Assert.Equal(valid, InactivityOptions.WhyInvalid(configured) is null);
}
