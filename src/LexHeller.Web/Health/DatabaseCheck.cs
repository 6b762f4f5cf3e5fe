using LexHeller.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LexHeller.Web.Health;

/// <summary>
/// A real read of a real table: a pooled connection that opens proves nothing about the file or the server behind
/// it, and SQLite answers SELECT 1 without touching the file at all.
/// </summary>
internal sealed class DatabaseCheck(LexHellerDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        await db.Forbund.AsNoTracking().Select(f => f.Id).FirstOrDefaultAsync(cancellationToken);
        return HealthCheckResult.Healthy();
    }
}
