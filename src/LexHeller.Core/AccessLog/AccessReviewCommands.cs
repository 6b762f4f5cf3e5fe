using System.Globalization;
using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.AccessLog;

/// <summary>A förbund's loggkontroll limits as the kansli saves them, already checked.</summary>
public sealed record AccessReviewValues(int ManyCases, int WindowMinutes, TimeOnly OfficeStart, TimeOnly OfficeEnd);

/// <summary>What the kansli does with the loggkontroll: sets its limits and marks flags checked, each audited in one save.</summary>
public sealed class AccessReviewCommands(LexHellerDb db, TimeProvider clock)
{
    /// <summary>The Swedish names of the limits, as the form and the change log show them.</summary>
    public static class Names
    {
        public const string ManyCases = "Loggkontroll: antal ärenden";
        public const string WindowMinutes = "Loggkontroll: tidsfönster";
        public const string OfficeStart = "Loggkontroll: kontorstid börjar";
        public const string OfficeEnd = "Loggkontroll: kontorstid slutar";
    }

    /// <returns>The names of the limits that changed; empty when none did (and nothing is written).</returns>
    public async Task<IReadOnlyList<string>> SaveSettingsAsync(int forbundId, AccessReviewValues values, string actorUserId, CancellationToken ct = default)
    {
        var settings = await db.AccessReviewSettings.FirstOrDefaultAsync(s => s.ForbundId == forbundId, ct);
        var before = settings ?? AccessReviewSettings.Defaults(forbundId);
        var changes = new List<(string Name, string Before, string After)>();
        void Track(string name, string was, string now)
        {
            if (was != now) changes.Add((name, was, now));
        }
        Track(Names.ManyCases, Number(before.ManyCases), Number(values.ManyCases));
        Track(Names.WindowMinutes, Minutes(before.WindowMinutes), Minutes(values.WindowMinutes));
        Track(Names.OfficeStart, Time(before.OfficeStart), Time(values.OfficeStart));
        Track(Names.OfficeEnd, Time(before.OfficeEnd), Time(values.OfficeEnd));
        if (changes.Count == 0) return [];

        if (settings is null)
        {
            settings = new AccessReviewSettings(forbundId);
            db.AccessReviewSettings.Add(settings);
        }
        settings.Set(values.ManyCases, values.WindowMinutes, values.OfficeStart, values.OfficeEnd);
        var now = clock.GetUtcNow();
        foreach (var (name, was, after) in changes)
            db.AuditEntries.Add(new AuditEntry(now, actorUserId, forbundId, AuditActions.SettingChanged, name, was, after));
        await db.SaveChangesAsync(ct);
        return changes.Select(c => c.Name).ToList();
    }

    /// <summary>Marks one flag of the förbund checked with the kansli's note; refused without a note or when already checked.</summary>
    public async Task<CommandResult> CheckAsync(int forbundId, long flagId, string? note, string actorUserId, CancellationToken ct = default)
    {
        var flag = await db.AccessFlags.FirstOrDefaultAsync(f => f.Id == flagId && f.ForbundId == forbundId, ct);
        if (flag is null) return CommandResult.NotFound;
        if (flag.IsChecked)
            return CommandResult.Refused($"Flaggan är redan kontrollerad ({Stockholm.Format(flag.CheckedAt!.Value)}). Inget är ändrat.");
        var text = note?.Trim();
        if (string.IsNullOrEmpty(text))
            return CommandResult.Refused(null, new FieldError("Note", "Skriv en anteckning om vad kontrollen visade."));
        if (text.Length > AccessFlag.NoteMax)
            return CommandResult.Refused(null, new FieldError("Note", $"Anteckningen får vara högst {AccessFlag.NoteMax} tecken."));

        var now = clock.GetUtcNow();
        flag.MarkChecked(actorUserId, text, now);
        var who = await db.Users.Where(u => u.Id == flag.UserId).Select(u => u.FullName).FirstOrDefaultAsync(ct) ?? "Borttagen användare";
        db.AuditEntries.Add(new AuditEntry(now, actorUserId, forbundId, AuditActions.AccessFlagChecked,
            $"{AccessLogReview.RuleName(flag.Rule)}, {who}, {AccessLogReview.WeekName(flag.Week)}", null, text));
        await db.SaveChangesAsync(ct);
        return CommandResult.Done($"Flaggan för {who} markerades som kontrollerad.");
    }

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Number(int n) => Swedish.Count(n, "ärende", "ärenden");

    private static string Minutes(int n) => Swedish.Count(n, "minut", "minuter");
}
