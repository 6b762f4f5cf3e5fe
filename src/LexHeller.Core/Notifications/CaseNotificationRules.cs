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

        Task<List<Recipient>> Kansli() => Recipients.KansliAsync(db, c.ForbundId, ct);
        Task<List<Recipient>> Reporter() => Recipients.UserAsync(db, c.ReporterUserId, ct);
        async Task<List<Recipient>> Handler()
        {
            var handler = c.HandlerUserId;
            var active = handler is not null && await db.Memberships.AnyAsync(m =>
                m.UserId == handler && m.ForbundId == c.ForbundId && m.IsActive && m.Role == MembershipRole.Kansli, ct);
            return active ? await Recipients.UserAsync(db, handler, ct) : await Kansli();
        }
        Task<List<Recipient>> BugMembersOf(IReadOnlyCollection<int> organisations) => Recipients.BugMembersOfAsync(db, c.ForbundId, organisations, ct);

        (List<Recipient> To, string Headline, string WhatToDo)? rule = trigger switch
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
        return r.To.Select(to => new CaseStepMail(to.Email ?? "", forbund, reference, r.Headline, r.WhatToDo, url)
                .ToOutbox(now, to, c.ForbundId, digestible: true))
            .ToList();
    }
}
