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
    private enum Audience { Kansli, Reporter, Handler, ReferredBugMembers }

    public static async Task<IReadOnlyList<OutboxMessage>> ForAsync(LexHellerDb db, Case c, CaseEvent e, string publicUrl, DateTimeOffset now, CancellationToken ct)
    {
        if (!Enum.TryParse<CaseTrigger>(e.Action, out var trigger)) return [];
        (Audience To, string Headline, string WhatToDo)? rule = trigger switch
        {
            CaseTrigger.Submit => (Audience.Kansli, "Ett nytt ärende har kommit in", "Ärendet väntar på att kansliet tar det och granskar det."),
            CaseTrigger.AskReporter => (Audience.Reporter, "Kansliet har en fråga om din rapport", "Svara på frågan på ärendets sida."),
            CaseTrigger.ReporterAnswers => (Audience.Handler, "Rapportören har svarat på kansliets fråga", "Ärendet är tillbaka i granskning."),
            CaseTrigger.Refer => (Audience.ReferredBugMembers, "Ett ärende har remitterats till din organisation",
                $"Skriv organisationens svar senast {c.CurrentReferrals.Min(r => r.DueDate):yyyy-MM-dd} under Att besvara."),
            CaseTrigger.Conclude => (Audience.Reporter, "Ditt ärende är avslutat", "Svaret finns på ärendets sida."),
            CaseTrigger.Reject => (Audience.Reporter, "Ditt ärende har avvisats", "På ärendets sida står varför och vart du kan vända dig i stället."),
            _ => null,
        };
        if (rule is not { } r) return [];

        var (forbund, to) = await RecipientsAsync(db, c, r.To, ct);
        var url = $"{publicUrl.TrimEnd('/')}/arenden/ref/{c.Reference}";
        var reference = c.Reference ?? "";
        return to.Select(recipient => new CaseStepMail(recipient.Email ?? "", forbund, reference, r.Headline, r.WhatToDo, url, ToReporter: r.To == Audience.Reporter)
                .ToOutbox(now, recipient, c.ForbundId, digestible: true))
            .ToList();
    }

    /// <summary>The förbund's name (the mail's sender) and who gets the mail. A new case, the busiest step, takes one statement.</summary>
    private static async Task<(string Forbund, List<Recipient> To)> RecipientsAsync(LexHellerDb db, Case c, Audience audience, CancellationToken ct)
    {
        if (audience == Audience.Kansli) return await Recipients.ForbundKansliAsync(db, c.ForbundId, ct);

        var forbund = await db.Forbund.Where(f => f.Id == c.ForbundId).Select(f => f.Name).SingleAsync(ct);
        switch (audience)
        {
            case Audience.Reporter:
                return (forbund, await Recipients.UserAsync(db, c.ReporterUserId, ct));
            case Audience.ReferredBugMembers:
                return (forbund, await Recipients.BugMembersOfAsync(db, c.ForbundId, c.CurrentReferrals.Select(r => r.OrganisationId).ToList(), ct));
            default:
                var handler = c.HandlerUserId;
                var active = handler is not null && await db.Memberships.AnyAsync(m =>
                    m.UserId == handler && m.ForbundId == c.ForbundId && m.IsActive && m.Role == MembershipRole.Kansli, ct);
                return (forbund, active ? await Recipients.UserAsync(db, handler, ct) : await Recipients.KansliAsync(db, c.ForbundId, ct));
        }
    }
}
