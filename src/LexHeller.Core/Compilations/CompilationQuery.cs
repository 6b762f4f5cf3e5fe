using System.Data.Common;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Systemic;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Compilations;

/// <summary>
/// Computes a compilation with aggregate SQL: every count, median and percentile is worked out by the database, and
/// only the aggregated rows (and the list of concluded cases, for one förbund) are read. Percentiles are by
/// nearest rank: the median of n lead times is the ⌈n/2⌉-th smallest, the 90th percentile the ⌈0.9·n⌉-th.
/// A case is counted in a period by when it was submitted; an outcome by when the case was concluded; a
/// party's answer by when it was given.
/// </summary>
public sealed class CompilationQuery(LexHellerDb db)
{
    private readonly DatabaseEngine engine = DatabaseEngine.For(db);
    private const string NoCategory = "Ingen kategori";
    private const string OtherActor = "Annan aktör";
    private const string NotGiven = "Ej angivet";

    public async Task<CompilationData> ComputeAsync(IReadOnlyCollection<int> forbundIds, Period period, CompilationFilter filter, bool includeCases, CancellationToken ct = default)
    {
        if (forbundIds.Count == 0) throw new ArgumentException("Minst ett förbund behövs.", nameof(forbundIds));
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            var scope = new Scope(forbundIds, filter);
            var (from, to) = Range(period);
            var filed = scope.Where + " AND c.\"SubmittedAt\" >= @from AND c.\"SubmittedAt\" < @to";
            var concluded = scope.Where + " AND c.\"ConcludedAt\" >= @from AND c.\"ConcludedAt\" < @to AND c.\"Outcome\" IS NOT NULL";

            var forbundNames = await db.Forbund.Where(f => forbundIds.Contains(f.Id)).OrderBy(f => f.Name).Select(f => f.Name).ToListAsync(ct);
            var outcomes = (await CountsAsync($"SELECT c.\"Outcome\", COUNT(*) FROM \"Cases\" c WHERE {concluded} GROUP BY c.\"Outcome\"", scope, from, to, ct))
                .Select(c => c with { Label = Enum.Parse<CaseOutcome>(c.Label).DisplayName() }).ToList();

            var perMonth = new List<Count>();
            for (var month = new DateOnly(period.From.Year, period.From.Month, 1); month <= period.To; month = month.AddMonths(1))
            {
                var start = month < period.From ? period.From : month;
                var end = month.AddMonths(1).AddDays(-1) > period.To ? period.To : month.AddMonths(1).AddDays(-1);
                var (mFrom, mTo) = Range(new Period(PeriodKind.Custom, start, end));
                perMonth.Add(new Count(month.ToString("yyyy-MM"), await ScalarAsync($"SELECT COUNT(*) FROM \"Cases\" c WHERE {filed}", scope, mFrom, mTo, ct)));
            }

            return new CompilationData
            {
                Forbund = forbundNames,
                Filed = await ScalarAsync($"SELECT COUNT(*) FROM \"Cases\" c WHERE {filed}", scope, from, to, ct),
                Concluded = outcomes.Sum(o => o.N),
                PerMonth = perMonth,
                ByKind = (await CountsAsync($"SELECT c.\"Kind\", COUNT(*) FROM \"Cases\" c WHERE {filed} GROUP BY c.\"Kind\"", scope, from, to, ct))
                    .Select(c => c with { Label = Enum.Parse<CaseKind>(c.Label).DisplayName() }).ToList(),
                ByCategory = await CountsAsync(
                    $"SELECT COALESCE(cat.\"Name\", '{NoCategory}'), COUNT(*) FROM \"Cases\" c LEFT JOIN \"Categories\" cat ON cat.\"Id\" = c.\"CategoryId\" WHERE {filed} GROUP BY 1", scope, from, to, ct),
                ByParty = await CountsAsync(
                    $"SELECT COALESCE(o.\"Name\", '{OtherActor}'), COUNT(DISTINCT p.\"CaseId\") FROM \"CaseParties\" p JOIN \"Cases\" c ON c.\"Id\" = p.\"CaseId\" LEFT JOIN \"Organisations\" o ON o.\"Id\" = p.\"OrganisationId\" WHERE {filed} GROUP BY 1",
                    scope, from, to, ct),
                ByReportingOrganisation = await CountsAsync(
                    $"SELECT o.\"Name\", COUNT(*) FROM \"Cases\" c JOIN \"Organisations\" o ON o.\"Id\" = c.\"ReporterOrganisationId\" WHERE {filed} GROUP BY 1", scope, from, to, ct),
                ByGender = (await CountsAsync($"SELECT COALESCE(c.\"Gender\", ''), COUNT(*) FROM \"Cases\" c WHERE {filed} GROUP BY 1", scope, from, to, ct))
                    .Select(c => c with { Label = c.Label == "" ? NotGiven : Enum.Parse<Gender>(c.Label).DisplayName() }).ToList(),
                ByAgeBand = (await CountsAsync($"SELECT COALESCE(c.\"AgeBand\", ''), COUNT(*) FROM \"Cases\" c WHERE {filed} GROUP BY 1", scope, from, to, ct))
                    .Select(c => c with { Label = c.Label == "" ? NotGiven : Enum.Parse<AgeBand>(c.Label).DisplayName() }).ToList(),
                StateAtEnd = (await CountsAsync(
                        $"SELECT e.\"ToState\", COUNT(*) FROM \"CaseEvents\" e WHERE e.\"Id\" IN (SELECT MAX(e2.\"Id\") FROM \"CaseEvents\" e2 JOIN \"Cases\" c ON c.\"Id\" = e2.\"CaseId\" WHERE {filed} AND e2.\"At\" < @to GROUP BY e2.\"CaseId\") GROUP BY e.\"ToState\"",
                        scope, from, to, ct))
                    .Select(c => c with { Label = Enum.Parse<CaseState>(c.Label).DisplayName() }).ToList(),
                Outcomes = outcomes,
                FiledToConcluded = await LeadTimeAsync(concluded, scope, from, to, ct),
                ReferredToAnswered = await PartyLeadTimesAsync(scope, from, to, ct),
                FiledPrevious = await FiledInAsync(filed, scope, period.Previous, ct),
                FiledYearEarlier = await FiledInAsync(filed, scope, period.YearEarlier, ct),
                ConcludedPrevious = await ConcludedInAsync(concluded, scope, period.Previous, ct),
                ConcludedYearEarlier = await ConcludedInAsync(concluded, scope, period.YearEarlier, ct),
                CategoryByParty = await PairsAsync(
                    $"SELECT COALESCE(cat.\"Name\", '{NoCategory}'), COALESCE(o.\"Name\", '{OtherActor}'), COUNT(DISTINCT c.\"Id\") FROM \"Cases\" c JOIN \"CaseParties\" p ON p.\"CaseId\" = c.\"Id\" " +
                    $"LEFT JOIN \"Categories\" cat ON cat.\"Id\" = c.\"CategoryId\" LEFT JOIN \"Organisations\" o ON o.\"Id\" = p.\"OrganisationId\" WHERE {filed} GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 10",
                    scope, from, to, ct),
                RuleConflicts = await PairsAsync(
                    "SELECT CASE WHEN a <= b THEN a ELSE b END, CASE WHEN a <= b THEN b ELSE a END, COUNT(DISTINCT \"CaseId\") FROM (SELECT rc.\"CaseId\", COALESCE(oa.\"Name\", rc.\"PartyAName\", 'Okänd part') AS a, COALESCE(ob.\"Name\", rc.\"PartyBName\", 'Okänd part') AS b " +
                    "FROM \"RuleConflicts\" rc JOIN \"Cases\" c ON c.\"Id\" = rc.\"CaseId\" LEFT JOIN \"Organisations\" oa ON oa.\"Id\" = rc.\"PartyAOrganisationId\" LEFT JOIN \"Organisations\" ob ON ob.\"Id\" = rc.\"PartyBOrganisationId\" " +
                    $"WHERE {filed}) AS x GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2",
                    scope, from, to, ct),
                Answers = includeCases ? await AnswersAsync(concluded, scope, from, to, ct) : [],
                SystemicByStatus = (await CountsAsync(
                        "SELECT e.\"ToStatus\", COUNT(*) FROM \"SystemicProblemEvents\" e WHERE e.\"Id\" IN (SELECT MAX(e2.\"Id\") FROM \"SystemicProblemEvents\" e2 " +
                        $"JOIN \"SystemicProblems\" p ON p.\"Id\" = e2.\"SystemicProblemId\" WHERE {scope.ForbundIn("p")} AND e2.\"At\" < @to GROUP BY e2.\"SystemicProblemId\") GROUP BY e.\"ToStatus\"",
                        scope, from, to, ct))
                    .Select(c => c with { Label = Enum.Parse<SystemicStatus>(c.Label).DisplayName() }).ToList(),
                SystemicByEscalation = (await CountsAsync(
                        $"SELECT p.\"Escalation\", COUNT(*) FROM \"SystemicProblems\" p WHERE {scope.ForbundIn("p")} AND p.\"CreatedAt\" < @to GROUP BY p.\"Escalation\"",
                        scope, from, to, ct))
                    .Select(c => c with { Label = Enum.Parse<EscalationLevel>(c.Label).DisplayName() }).ToList(),
                MeasuresDone = await ScalarAsync(
                    $"SELECT COUNT(*) FROM \"Measures\" m WHERE {scope.ForbundIn("m")} AND m.\"DoneAt\" >= @from AND m.\"DoneAt\" < @to", scope, from, to, ct),
                MeasureEffects = (await CountsAsync(
                        $"SELECT m.\"Effect\", COUNT(*) FROM \"Measures\" m WHERE {scope.ForbundIn("m")} AND m.\"FollowedUpAt\" >= @from AND m.\"FollowedUpAt\" < @to GROUP BY m.\"Effect\"",
                        scope, from, to, ct))
                    .Select(c => c with { Label = Enum.Parse<MeasureEffect>(c.Label).DisplayName() }).ToList(),
                // A link to another förbund's systemfel counts while both förbund take part in the joint register.
                CasesPerSystemic = await CountsAsync(
                    "SELECT p.\"Title\", COUNT(*) FROM \"SystemicProblemCases\" l JOIN \"SystemicProblems\" p ON p.\"Id\" = l.\"SystemicProblemId\" JOIN \"Cases\" c ON c.\"Id\" = l.\"CaseId\" " +
                    $"WHERE {filed} AND (p.\"ForbundId\" = c.\"ForbundId\" OR (EXISTS (SELECT 1 FROM \"Forbund\" f WHERE f.\"Id\" = p.\"ForbundId\" AND f.\"SharesSystemicProblems\") " +
                    "AND EXISTS (SELECT 1 FROM \"Forbund\" f WHERE f.\"Id\" = c.\"ForbundId\" AND f.\"SharesSystemicProblems\"))) GROUP BY p.\"Id\", p.\"Title\"",
                    scope, from, to, ct),
            };
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The UTC ticks of the period's first instant and of the instant after its last day, both Stockholm midnight.</summary>
    public static (long From, long To) Range(Period period) =>
        (Stockholm.ToUtc(period.From, TimeOnly.MinValue).UtcTicks, Stockholm.ToUtc(period.To.AddDays(1), TimeOnly.MinValue).UtcTicks);

    private sealed class Scope(IReadOnlyCollection<int> forbundIds, CompilationFilter filter)
    {
        private readonly string ids = string.Join(",", forbundIds.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        /// <summary>The förbund condition alone, for rows that are not cases (systemfel, measures): the case filters do not apply.</summary>
        public string ForbundIn(string alias) => $"{alias}.\"ForbundId\" IN ({ids})";

        public string Where => $"c.\"ForbundId\" IN ({ids}) AND c.\"SubmittedAt\" IS NOT NULL"
            + (filter.Kind is null ? "" : " AND c.\"Kind\" = @kind")
            + (filter.CategoryId is null ? "" : " AND c.\"CategoryId\" = @category")
            + (filter.OrganisationId is null ? "" : " AND c.\"Id\" IN (SELECT \"CaseId\" FROM \"CaseParties\" WHERE \"OrganisationId\" = @party)");

        public void Bind(DbCommand command)
        {
            // A statement about systemfel or measures has no case filter, so only the parameters it names are bound.
            var sql = command.CommandText;
            if (filter.Kind is { } kind && sql.Contains("@kind")) Add(command, "@kind", kind.ToString());
            if (filter.CategoryId is { } category && sql.Contains("@category")) Add(command, "@category", category);
            if (filter.OrganisationId is { } party && sql.Contains("@party")) Add(command, "@party", party);
        }
    }

    /// <summary>A count, which SQLite reads as an integer and PostgreSQL as a bigint.</summary>
    private static int Int(DbDataReader reader, int ordinal) =>
        Convert.ToInt32(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    private DbCommand Command(string sql, Scope scope, long from, long to)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        if (sql.Contains("@from")) Add(command, "@from", engine.Instant(new DateTimeOffset(from, TimeSpan.Zero)));
        if (sql.Contains("@to")) Add(command, "@to", engine.Instant(new DateTimeOffset(to, TimeSpan.Zero)));
        scope.Bind(command);
        return command;
    }

    private async Task<int> ScalarAsync(string sql, Scope scope, long from, long to, CancellationToken ct)
    {
        await using var command = Command(sql, scope, from, to);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task<int> FiledInAsync(string filed, Scope scope, Period period, CancellationToken ct)
    {
        var (from, to) = Range(period);
        return ScalarAsync($"SELECT COUNT(*) FROM \"Cases\" c WHERE {filed}", scope, from, to, ct);
    }

    private Task<int> ConcludedInAsync(string concluded, Scope scope, Period period, CancellationToken ct)
    {
        var (from, to) = Range(period);
        return ScalarAsync($"SELECT COUNT(*) FROM \"Cases\" c WHERE {concluded}", scope, from, to, ct);
    }

    /// <summary>Rows of (label, count), largest first, then by label.</summary>
    private async Task<List<Count>> CountsAsync(string sql, Scope scope, long from, long to, CancellationToken ct)
    {
        var result = new List<Count>();
        await using var command = Command(sql, scope, from, to);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result.Add(new Count(reader.GetString(0), Int(reader, 1)));
        return result.OrderByDescending(c => c.N).ThenBy(c => c.Label, StringComparer.Ordinal).ToList();
    }

    private async Task<List<PairCount>> PairsAsync(string sql, Scope scope, long from, long to, CancellationToken ct)
    {
        var result = new List<PairCount>();
        await using var command = Command(sql, scope, from, to);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result.Add(new PairCount(reader.GetString(0), reader.GetString(1), Int(reader, 2)));
        return result;
    }

    private async Task<LeadTime> LeadTimeAsync(string concluded, Scope scope, long from, long to, CancellationToken ct)
    {
        var sql = $"""
            WITH d AS MATERIALIZED (SELECT {engine.DaysBetween("c.\"SubmittedAt\"", "c.\"ConcludedAt\"")} AS days FROM "Cases" c WHERE {concluded}),
                 r AS (SELECT days, ROW_NUMBER() OVER (ORDER BY days) AS rn, COUNT(*) OVER () AS n FROM d)
            SELECT COALESCE(MAX(n), 0), MAX(CASE WHEN rn = (n + 1) / 2 THEN days END), MAX(CASE WHEN rn = (9 * n + 9) / 10 THEN days END) FROM r
            """;
        await using var command = Command(sql, scope, from, to);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new LeadTime(Int(reader, 0), reader.IsDBNull(1) ? null : reader.GetDouble(1), reader.IsDBNull(2) ? null : reader.GetDouble(2));
    }

    /// <summary>
    /// Per party, the days from referral to answer for answers given in the period, and how many came by the due
    /// date (Stockholm): each due date's deadline is worked out here and passed in as a table of (due date, instant),
    /// so the database compares instants, not time zones.
    /// </summary>
    private async Task<List<PartyLeadTime>> PartyLeadTimesAsync(Scope scope, long from, long to, CancellationToken ct)
    {
        var answered = $"{scope.Where} AND r.\"AnsweredAt\" IS NOT NULL AND r.\"AnsweredAt\" >= @from AND r.\"AnsweredAt\" < @to";
        var dueDates = new List<DateOnly>();
        await using (var command = Command($"SELECT DISTINCT r.\"DueDate\" FROM \"CaseReferrals\" r JOIN \"Cases\" c ON c.\"Id\" = r.\"CaseId\" WHERE {answered}", scope, from, to))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) dueDates.Add(reader.GetFieldValue<DateOnly>(0));
        if (dueDates.Count == 0) return [];
        var deadlines = string.Join(", ", dueDates.Select((_, i) => $"(@due{i}, @deadline{i})"));

        var sql = $"""
            WITH deadline (key, value) AS (VALUES {deadlines}),
                 d AS MATERIALIZED (
                    SELECT r."OrganisationId" AS org, {engine.DaysBetween("r.\"ReferredAt\"", "r.\"AnsweredAt\"")} AS days,
                           CASE WHEN r."AnsweredAt" < deadline.value THEN 1 ELSE 0 END AS ontime
                    FROM "CaseReferrals" r JOIN "Cases" c ON c."Id" = r."CaseId" JOIN deadline ON deadline.key = r."DueDate"
                    WHERE {answered}),
                 k AS (SELECT org, days, ontime, ROW_NUMBER() OVER (PARTITION BY org ORDER BY days) AS rn, COUNT(*) OVER (PARTITION BY org) AS n FROM d)
            SELECT o."Name", MAX(n), MAX(CASE WHEN rn = (n + 1) / 2 THEN days END), MAX(CASE WHEN rn = (9 * n + 9) / 10 THEN days END), SUM(ontime)
            FROM k JOIN "Organisations" o ON o."Id" = k.org GROUP BY k.org, o."Name" ORDER BY o."Name"
            """;
        var result = new List<PartyLeadTime>();
        await using (var command = Command(sql, scope, from, to))
        {
            for (var i = 0; i < dueDates.Count; i++)
            {
                Add(command, $"@due{i}", dueDates[i]);
                Add(command, $"@deadline{i}", engine.Instant(Stockholm.ToUtc(dueDates[i].AddDays(1), TimeOnly.MinValue)));
            }
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                result.Add(new PartyLeadTime(reader.GetString(0), new LeadTime(Int(reader, 1), reader.GetDouble(2), reader.GetDouble(3)), Int(reader, 4)));
        }
        return result;
    }

    private async Task<List<AnswerRow>> AnswersAsync(string concluded, Scope scope, long from, long to, CancellationToken ct)
    {
        var sql = $"SELECT c.\"ForbundId\", c.\"Reference\", COALESCE(cat.\"Name\", '{NoCategory}'), c.\"Outcome\", c.\"Summary\", c.\"Answer\", c.\"ConcludedAt\", c.\"IsPublished\" " +
                  $"FROM \"Cases\" c LEFT JOIN \"Categories\" cat ON cat.\"Id\" = c.\"CategoryId\" WHERE {concluded} ORDER BY c.\"ConcludedAt\", c.\"Id\"";
        var result = new List<AnswerRow>();
        await using var command = Command(sql, scope, from, to);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result.Add(new AnswerRow(reader.GetInt32(0), reader.IsDBNull(1) ? "" : reader.GetString(1), reader.GetString(2),
                Enum.Parse<CaseOutcome>(reader.GetString(3)).DisplayName(), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), engine.ReadInstant(reader, 6), reader.GetBoolean(7)));
        return result;
    }
}
