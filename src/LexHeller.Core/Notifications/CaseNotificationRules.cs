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
        // Edits that keep the state (corrections, redactions ...) tell nobody; each trigger's rule is in its row of CaseTriggers.
        if (!Enum.TryParse<CaseTrigger>(e.Action, out var trigger) || !Enum.IsDefined(trigger)) return [];
        if (trigger.Spec().Notice is not { } rule) return [];

        var (forbund, to) = await RecipientsAsync(db, c, rule.To, ct);
        var url = $"{publicUrl.TrimEnd('/')}/arenden/ref/{c.Reference}";
        var reference = c.Reference ?? "";
        var whatToDo = rule.WhatToDo(c);
        return to.Select(recipient => new CaseStepMail(recipient.Email ?? "", forbund, reference, rule.Headline, whatToDo, url, ToReporter: rule.To == CaseAudience.Reporter)
                .ToOutbox(now, recipient, c.ForbundId, digestible: true))
            .ToList();
    }

    /// <summary>The förbund's name (the mail's sender) and who gets the mail. A new case, the busiest step, takes one statement.</summary>
    private static async Task<(string Forbund, List<Recipient> To)> RecipientsAsync(LexHellerDb db, Case c, CaseAudience audience, CancellationToken ct)
    {
        if (audience == CaseAudience.Kansli) return await Recipients.ForbundKansliAsync(db, c.ForbundId, ct);

        var forbund = await db.Forbund.Where(f => f.Id == c.ForbundId).Select(f => f.Name).SingleAsync(ct);
        var to = audience switch
        {
            CaseAudience.Kansli => Recipients.KansliAsync(db, c.ForbundId, ct),
            CaseAudience.Reporter => Recipients.UserAsync(db, c.ReporterUserId, ct),
            CaseAudience.ReferredBugMembers => Recipients.BugMembersOfAsync(db, c.ForbundId, c.CurrentReferrals.Select(r => r.OrganisationId).ToList(), ct),
            CaseAudience.Handler => HandlerOrKansliAsync(db, c, ct),
        };
        return (forbund, await to);
    }

    /// <summary>The case's handler while they are active in the kansli; otherwise the whole kansli.</summary>
    private static async Task<List<Recipient>> HandlerOrKansliAsync(LexHellerDb db, Case c, CancellationToken ct)
    {
        var handler = c.HandlerUserId;
        var active = handler is not null && await db.Memberships.AnyAsync(m =>
            m.UserId == handler && m.ForbundId == c.ForbundId && m.IsActive && m.Role == MembershipRole.Kansli, ct);
        return active ? await Recipients.UserAsync(db, handler, ct) : await Recipients.KansliAsync(db, c.ForbundId, ct);
    }
}
