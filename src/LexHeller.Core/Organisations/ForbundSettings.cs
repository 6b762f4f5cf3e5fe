using System.Globalization;
using LexHeller.Core.Audit;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Organisations;

/// <summary>A förbund's settings as the kansli saves them, already checked.</summary>
public sealed record ForbundSettingValues(int AgendaCutoffDays, int ResponseDays, int SmallCountThreshold, bool SharesCompilations,
    string? KansliEmail, TimeOnly DigestTime, bool PublishesOpenData, string OpenDataLicenceId);

/// <summary>Saves a förbund's settings with one audit line per setting that changed, in one save.</summary>
public sealed class ForbundSettings(LexHellerDb db, TimeProvider clock)
{
    /// <summary>The Swedish names of the settings, as the form and the change log show them.</summary>
    public static class Names
    {
        public const string AgendaCutoffDays = "Stopptid för dagordningen";
        public const string ResponseDays = "Svarstid för parter";
        public const string SmallCountThreshold = "Gräns för små tal";
        public const string SharesCompilations = "Förbundsgemensamma sammanställningar";
        public const string KansliEmail = "Kansliets gemensamma e-postadress";
        public const string DigestTime = "Tid för daglig sammanfattning";
        public const string PublishesOpenData = "Publicera öppna data";
        public const string OpenDataLicence = "Licens för öppna data";
    }

    /// <returns>The names of the settings that changed; empty when none did (and nothing is written).</returns>
    public async Task<IReadOnlyList<string>> SaveAsync(int forbundId, ForbundSettingValues values, string actorUserId)
    {
        var f = await db.Forbund.SingleAsync(f => f.Id == forbundId);
        var changes = new List<(string Setting, string? Before, string? After)>();
        void Track(string setting, string? before, string? after)
        {
            if (before != after) changes.Add((setting, before, after));
        }
        Track(Names.AgendaCutoffDays, Days(f.AgendaCutoffDays), Days(values.AgendaCutoffDays));
        f.SetAgendaCutoffDays(values.AgendaCutoffDays);
        Track(Names.ResponseDays, Days(f.ResponseDays), Days(values.ResponseDays));
        f.SetResponseDays(values.ResponseDays);
        Track(Names.SmallCountThreshold, Number(f.SmallCountThreshold), Number(values.SmallCountThreshold));
        f.SetSmallCountThreshold(values.SmallCountThreshold);
        Track(Names.SharesCompilations, YesNo(f.SharesCompilations), YesNo(values.SharesCompilations));
        f.ShareCompilations(values.SharesCompilations);
        Track(Names.KansliEmail, f.KansliEmail, values.KansliEmail);
        f.SetKansliEmail(values.KansliEmail);
        Track(Names.DigestTime, Time(f.DigestTime), Time(values.DigestTime));
        f.SetDigestTime(values.DigestTime);
        Track(Names.PublishesOpenData, YesNo(f.PublishesOpenData), YesNo(values.PublishesOpenData));
        Track(Names.OpenDataLicence, Licence(f.OpenDataLicenceId), Licence(values.OpenDataLicenceId));
        f.PublishOpenData(values.PublishesOpenData, values.OpenDataLicenceId);

        var now = clock.GetUtcNow();
        foreach (var (setting, before, after) in changes)
            db.AuditEntries.Add(new AuditEntry(now, actorUserId, forbundId, AuditActions.SettingChanged, setting, before, after));
        await db.SaveChangesAsync();
        return changes.Select(c => c.Setting).ToList();
    }

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Days(int days) => Swedish.Count(days, "dag", "dagar");

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string YesNo(bool yes) => yes ? "Ja" : "Nej";

    private static string Licence(string id) => Organisations.OpenDataLicence.Find(id)?.Name ?? id;
}
