using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Organisations;
using LexHeller.Core.Time;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Tests.Compilations;

/// <summary>
/// A generated, seeded data set in a real SQLite file: two förbund, cases in every state over two years, with
/// parties, events, referrals and rule conflicts, and some cases submitted minutes either side of Stockholm
/// midnight at period boundaries and across the change to and from summer time.
/// </summary>
public sealed class GeneratedCases : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lexheller-compilation-").FullName;

    public string ConnectionString => $"Data Source={Path.Combine(_folder, "c.db")}";

    public int Ins { get; private set; }
    public int Snb { get; private set; }
    public List<int> Organisations { get; } = [];
    public List<int> InsCategories { get; } = [];

    public LexHellerDb Db() => new(new DbContextOptionsBuilder<LexHellerDb>().UseSqlite(ConnectionString).Options);

    public async Task InitializeAsync()
    {
        await using (var db = Db())
        {
            await db.Database.EnsureCreatedAsync();
            var ins = new Forbund("Samordningsförbundet Insjöriket", "INS");
            var snb = new Forbund("Samordningsförbundet Södra Norrbotten", "SNB");
            db.Forbund.AddRange(ins, snb);
            var orgs = new[]
            {
                new Organisation("Försäkringskassan", OrganisationKind.Forsakringskassan),
                new Organisation("Arbetsförmedlingen", OrganisationKind.Arbetsformedlingen),
                new Organisation("Mölndals stad", OrganisationKind.Kommun),
                new Organisation("Härryda kommun", OrganisationKind.Kommun),
                new Organisation("Västra Götalandsregionen", OrganisationKind.Region),
                new Organisation("Ågrenska föreningen", OrganisationKind.OtherActor),
            };
            db.Organisations.AddRange(orgs);
            db.Users.Add(new AppUser("rapportor@kommun.example", "Rapportör", DateTimeOffset.UnixEpoch));
            await db.SaveChangesAsync();
            (Ins, Snb) = (ins.Id, snb.Id);
            Organisations.AddRange(orgs.Select(o => o.Id));
            var categories = new[] { "Väntetid", "Oklart ansvar", "Regler som krockar", "Boende" };
            var insCats = categories.Select((n, i) => new Category(ins.Id, n, i)).ToList();
            db.Categories.AddRange(insCats);
            db.Categories.AddRange(categories.Select((n, i) => new Category(snb.Id, n, i)));
            await db.SaveChangesAsync();
            InsCategories.AddRange(insCats.Select(c => c.Id));
        }
        await GenerateAsync();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private async Task GenerateAsync()
    {
        var random = new Random(20261124);
        await using var db = Db();
        var userId = await db.Users.Select(u => u.Id).SingleAsync();
        var categories = await db.Categories.Select(c => new { c.Id, c.ForbundId }).ToListAsync();
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var span = (new DateTimeOffset(2026, 10, 31, 0, 0, 0, TimeSpan.Zero) - start).Ticks;

        // Edges: minutes either side of Stockholm midnight where periods meet, and on the days summer time starts and ends.
        var edges = new[]
        {
            Stockholm.ToUtc(new DateOnly(2026, 5, 1), new TimeOnly(0, 10)), Stockholm.ToUtc(new DateOnly(2026, 4, 30), new TimeOnly(23, 50)),
            Stockholm.ToUtc(new DateOnly(2026, 9, 1), new TimeOnly(0, 5)), Stockholm.ToUtc(new DateOnly(2026, 8, 31), new TimeOnly(23, 55)),
            Stockholm.ToUtc(new DateOnly(2026, 3, 29), new TimeOnly(3, 30)), Stockholm.ToUtc(new DateOnly(2026, 10, 25), new TimeOnly(2, 30)),
            Stockholm.ToUtc(new DateOnly(2026, 1, 1), new TimeOnly(0, 1)), Stockholm.ToUtc(new DateOnly(2025, 12, 31), new TimeOnly(23, 59)),
        };

        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        var insertCase = Prepare(connection, "INSERT INTO Cases (ForbundId, Kind, State, ReporterUserId, ReporterOrganisationId, FormKey, Reference, CategoryId, Gender, AgeBand, CreatedAt, UpdatedAt, SubmittedAt, Outcome, Summary, Answer, ConcludedAt, IsPublished, Version) VALUES ($f, $kind, $state, $user, $org, $key, $ref, $cat, $gender, $age, $sub, $sub, $sub, $outcome, $summary, $answer, $concluded, $published, 0) RETURNING Id");
        var insertEvent = Prepare(connection, "INSERT INTO CaseEvents (CaseId, At, ActorUserId, ActorRole, Action, FromState, ToState) VALUES ($case, $at, $user, 'Kansli', $action, $from, $to)");
        var insertParty = Prepare(connection, "INSERT INTO CaseParties (CaseId, OrganisationId, OtherActorName) VALUES ($case, $org, $name)");
        var insertReferral = Prepare(connection, "INSERT INTO CaseReferrals (CaseId, Round, OrganisationId, ReferredAt, DueDate, Status, AnsweredAt) VALUES ($case, 1, $org, $at, $due, $status, $answered)");
        var insertConflict = Prepare(connection, "INSERT INTO RuleConflicts (CaseId, Position, PartyAOrganisationId, PartyAName, RequirementA, PartyBOrganisationId, PartyBName, RequirementB) VALUES ($case, 1, $a, $an, 'Krav A', $b, $bn, 'Krav B')");
        foreach (var c in new[] { insertCase, insertEvent, insertParty, insertReferral, insertConflict }) c.Transaction = tx;

        for (var i = 0; i < 900; i++)
        {
            var forbund = random.Next(4) == 0 ? Snb : Ins;
            var submitted = i < edges.Length ? edges[i] : start.AddTicks((long)(random.NextDouble() * span));
            var concluded = random.Next(2) == 0 ? submitted.AddHours(random.Next(6, 24 * 200)) : (DateTimeOffset?)null;
            if (concluded > new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero)) concluded = null;
            var referredAt = random.Next(3) > 0 ? submitted.AddHours(random.Next(24, 24 * 20)) : (DateTimeOffset?)null;
            if (concluded is not null && referredAt >= concluded) referredAt = null;
            var state = concluded is not null ? CaseState.Avslutad : referredAt is not null ? CaseState.RemitteradTillPart : Pick(random, CaseState.Inkommen, CaseState.UnderGranskning);
            var catIds = categories.Where(c => c.ForbundId == forbund).Select(c => c.Id).ToList();

            Set(insertCase, ("$f", forbund), ("$kind", Pick(random, CaseKind.Avvikelse, CaseKind.Avvikelse, CaseKind.Overlamning).ToString()), ("$state", state.ToString()),
                ("$user", userId), ("$org", Organisations[random.Next(Organisations.Count)]), ("$key", Guid.NewGuid().ToString()), ("$ref", $"LH-{(forbund == Ins ? "INS" : "SNB")}-{i:0000}"),
                ("$cat", random.Next(10) == 0 ? null : catIds[random.Next(catIds.Count)]),
                ("$gender", random.Next(5) == 0 ? null : ((Gender)random.Next(4)).ToString()), ("$age", random.Next(6) == 0 ? null : ((AgeBand)random.Next(7)).ToString()),
                ("$sub", submitted.UtcTicks), ("$outcome", concluded is null ? null : ((CaseOutcome)random.Next(5)).ToString()),
                ("$summary", concluded is null ? null : $"Sammanfattning {i}"), ("$answer", concluded is null ? null : $"Svar {i}"),
                ("$concluded", concluded?.UtcTicks), ("$published", concluded is not null && random.Next(2) == 0));
            var caseId = Convert.ToInt32(await insertCase.ExecuteScalarAsync());

            var events = new List<(DateTimeOffset At, string Action, CaseState From, CaseState To)> { (submitted, "Submit", CaseState.Utkast, CaseState.Inkommen) };
            if (state != CaseState.Inkommen) events.Add((submitted.AddHours(random.Next(1, 20)), "Take", CaseState.Inkommen, CaseState.UnderGranskning));
            if (referredAt is { } r) events.Add((r, "Refer", CaseState.UnderGranskning, CaseState.RemitteradTillPart));
            if (concluded is { } done) events.Add((done, "Conclude", events[^1].To, CaseState.Avslutad));
            foreach (var e in events.OrderBy(e => e.At))
            {
                Set(insertEvent, ("$case", caseId), ("$at", e.At.UtcTicks), ("$user", userId), ("$action", e.Action), ("$from", e.From.ToString()), ("$to", e.To.ToString()));
                await insertEvent.ExecuteNonQueryAsync();
            }

            foreach (var org in Organisations.OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
            {
                Set(insertParty, ("$case", caseId), ("$org", org), ("$name", null));
                await insertParty.ExecuteNonQueryAsync();
            }
            if (random.Next(8) == 0)
            {
                Set(insertParty, ("$case", caseId), ("$org", null), ("$name", "Hyresvärden"));
                await insertParty.ExecuteNonQueryAsync();
            }
            if (referredAt is { } referred)
                foreach (var org in Organisations.OrderBy(_ => random.Next()).Take(random.Next(1, 3)))
                {
                    var answered = random.Next(4) > 0 ? referred.AddHours(random.Next(2, 24 * 30)) : (DateTimeOffset?)null;
                    var due = Stockholm.Today(referred).AddDays(14);
                    Set(insertReferral, ("$case", caseId), ("$org", org), ("$at", referred.UtcTicks), ("$due", due.ToString("yyyy-MM-dd")),
                        ("$status", answered is null ? "Pending" : "Answered"), ("$answered", answered?.UtcTicks));
                    await insertReferral.ExecuteNonQueryAsync();
                }
            if (random.Next(5) == 0)
            {
                var a = Organisations[random.Next(Organisations.Count)];
                var b = Organisations[random.Next(Organisations.Count)];
                var named = random.Next(6) == 0;
                Set(insertConflict, ("$case", caseId), ("$a", a), ("$an", null), ("$b", named ? null : b), ("$bn", named ? "Skolan" : null));
                await insertConflict.ExecuteNonQueryAsync();
            }
        }
        await tx.CommitAsync();
    }

    private static T Pick<T>(Random random, params T[] values) => values[random.Next(values.Length)];

    private static SqliteCommand Prepare(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static void Set(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in values) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
    }
}
