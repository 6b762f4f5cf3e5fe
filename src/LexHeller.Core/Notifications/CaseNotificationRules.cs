using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Notifications;

/// <summary>
/// Who is told what when a case moves: one rule per step, turned into outbox rows in the same save (and so the
/// same transaction) as the state change itself.
/// </summary>
public static class CaseNotificationRules
{
    public static async Task<IReadOnlyList<OutboxMessage>> ForAsync(LexHellerDb db, Case c, CaseEvent e, string publicUrl, DateTimeOffset now, CancellationToken ct)
    {
        if (!Enum.TryParse<CaseTrigger>(e.Action, out var trigger)) return [];
        var forbund = await db.Forbund.Where(f => f.Id == c.ForbundId).Select(f => f.Name).SingleAsync(ct);
        var url = $"{publicUrl.TrimEnd('/')}/arenden/ref/{c.Reference}";
        var reference = c.Reference ?? "";

        async Task<List<string>> Kansli() => await db.Memberships
            .Where(m => m.ForbundId == c.ForbundId && m.IsActive && m.Role == MembershipRole.Kansli)
            .Select(m => m.User.Email!).Distinct().ToListAsync(ct);
        async Task<List<string>> Reporter() => await db.Users.Where(u => u.Id == c.ReporterUserId && u.Email != null)
            .Select(u => u.Email!).ToListAsync(ct);
        async Task<List<string>> Handler()
        {
            var handler = c.HandlerUserId;
            var active = handler is not null && await db.Memberships.AnyAsync(m =>
                m.UserId == handler && m.ForbundId == c.ForbundId && m.IsActive && m.Role == MembershipRole.Kansli, ct);
            return active ? await db.Users.Where(u => u.Id == handler).Select(u => u.Email!).ToListAsync(ct) : await Kansli();
        }
        async Task<List<string>> BugMembersOf(IReadOnlyCollection<int> organisations) => await db.Memberships
            .Where(m => m.ForbundId == c.ForbundId && m.IsActive && m.Role == MembershipRole.BugLedamot
                && m.Organisations.Any(o => organisations.Contains(o.OrganisationId)))
            .Select(m => m.User.Email!).Distinct().ToListAsync(ct);

        (List<string> To, string Headline, string WhatToDo)? rule = trigger switch
        {
            CaseTrigger.Submit => (await Kansli(), "Ett nytt ärende har kommit in", "Ärendet väntar på att kansliet tar det och granskar det."),
            CaseTrigger.AskReporter => (await Reporter(), "Kansliet har en fråga om din rapport", "Svara på frågan på ärendets sida."),
            CaseTrigger.ReporterAnswers => (await Handler(), "Rapportören har svarat på kansliets fråga", "Ärendet är tillbaka i granskning."),
            CaseTrigger.Refer => (await BugMembersOf(c.CurrentReferrals.Select(r => r.OrganisationId).ToList()),
                "Ett ärende har remitterats till din organisation",
                $"Skriv organisationens svar senast {c.CurrentReferrals.Min(r => r.DueDate):yyyy-MM-dd} under Att besvara."),
            CaseTrigger.Conclude => (await Reporter(), "Ditt ärende är avslutat", "Svaret finns på ärendets sida."),
            CaseTrigger.Reject => (await Reporter(), "Ditt ärende har avvisats", "På ärendets sida står varför och vart du kan vända dig i stället."),
            _ => null,
        };
        if (rule is not { } r) return [];
        return r.To.Where(to => !string.IsNullOrWhiteSpace(to)).Distinct()
            .Select(to => new CaseStepMail(to, forbund, reference, r.Headline, r.WhatToDo, url).ToOutbox(now))
            .ToList();
    }
}
