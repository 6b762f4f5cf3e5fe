using System.Globalization;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace LexHeller.Core.Cases;

/// <summary>
/// Submits a draft: fires the workflow and gives the case the next reference number of its förbund and year.
/// Call inside a transaction; the counter and the case are written together, so numbers have no gaps.
/// </summary>
public static class CaseSubmission
{
    public static async Task<FireResult> SubmitAsync(LexHellerDb db, Case c, string forbundCode, string userId, DateTimeOffset now)
    {
        var result = CaseWorkflow.Fire(c, CaseTrigger.Submit, [CaseActor.Reporter], userId, now);
        if (!result.Fired) return result;
        var year = Stockholm.ToLocal(now).Year;
        var sequence = await NextReferenceAsync(db, c.ForbundId, year);
        c.AssignReference(forbundCode, year, sequence, now);
        return result;
    }

    private const string BumpCounter =
        "INSERT INTO \"ReferenceCounters\" (\"ForbundId\", \"Year\", \"Last\") VALUES ({0}, {1}, 1) " +
        "ON CONFLICT (\"ForbundId\", \"Year\") DO UPDATE SET \"Last\" = \"ReferenceCounters\".\"Last\" + 1 RETURNING \"Last\"";

    /// <summary>Bumps and returns the counter in one statement (an upsert with RETURNING, which SQLite and PostgreSQL both read alike).</summary>
    public static async Task<int> NextReferenceAsync(LexHellerDb db, int forbundId, int year, CancellationToken ct = default)
    {
        // Sent as a plain command through EF Core, as ExecuteSql sends one (logged, intercepted, in the current
        // transaction), but reading the value back: SqlQuery compiles a query around the SQL on every call, which
        // cost more than the statement itself.
        var command = db.GetService<IRawSqlCommandBuilder>().Build(BumpCounter, [forbundId, year], db.Model);
        var last = await command.RelationalCommand.ExecuteScalarAsync(new RelationalCommandParameterObject(
            db.GetService<IRelationalConnection>(), command.ParameterValues, null, db, db.GetService<IRelationalCommandDiagnosticsLogger>()), ct);
        return Convert.ToInt32(last, CultureInfo.InvariantCulture);
    }
}
