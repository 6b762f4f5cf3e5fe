using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>Bumps and returns the counter in one statement (SQLite upsert with RETURNING).</summary>
    public static async Task<int> NextReferenceAsync(LexHellerDb db, int forbundId, int year) =>
        (await db.Database.SqlQuery<int>(
            $"INSERT INTO ReferenceCounters (ForbundId, Year, Last) VALUES ({forbundId}, {year}, 1) ON CONFLICT (ForbundId, Year) DO UPDATE SET Last = Last + 1 RETURNING Last AS Value")
            .ToListAsync()).Single();
}
