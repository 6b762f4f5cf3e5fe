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
        // A new event is recorded on its tracked case and has no id until it is saved. Finding it that way spares a
        // full change detection here: the save runs one right after this, and Entries() would run another.
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        List<Case> cases;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            cases = tracker.Entries<Case>().Select(e => e.Entity).ToList();
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
        var now = clock.GetUtcNow();
        foreach (var c in cases)
            foreach (var e in c.Events.Where(e => e.Id == 0).ToList())
                db.Outbox.AddRange(await CaseNotificationRules.ForAsync(db, c, e, publicUrl, now, ct));
    }
}
