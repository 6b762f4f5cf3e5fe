using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LexHeller.Core.Notifications;

/// <summary>
/// Adds the notification rows for every new case event to the save that records it, so a state change and its
/// mails are committed together or not at all, whichever page or job fired the trigger.
/// </summary>
public sealed class CaseNotificationInterceptor(string publicUrl, TimeProvider clock) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (eventData.Context is LexHellerDb db) await AddNotificationsAsync(db, ct);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is LexHellerDb db) AddNotificationsAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    private async Task AddNotificationsAsync(LexHellerDb db, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        var added = db.ChangeTracker.Entries<CaseEvent>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count == 0) return;
        var cases = db.ChangeTracker.Entries<Case>().Select(e => e.Entity).ToList();
        var now = clock.GetUtcNow();
        foreach (var e in added)
        {
            var c = cases.FirstOrDefault(x => x.Events.Contains(e));
            if (c is null) continue;
            db.Outbox.AddRange(await CaseNotificationRules.ForAsync(db, c, e, publicUrl, now, ct));
        }
    }
}
