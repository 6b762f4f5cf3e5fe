using LexHeller.Core.Audit;
using LexHeller.Core.Data;
using LexHeller.Core.Time;

namespace LexHeller.Core.Identity;

/// <summary>
/// The pieces the user commands (<see cref="UserInvitations"/>, <see cref="UserImporter"/>, <see cref="UserCommands"/>)
/// share: a role given or an account invited, each with its audit line, and the checks and wording of a grant. The
/// methods only add to the context; the command that calls them saves everything at once.
/// </summary>
public sealed class MembershipAdmin(LexHellerDb db, TimeProvider clock)
{
    /// <summary>Gives <paramref name="user"/> a role; <paramref name="subject"/> is the address the audit line names.</summary>
    public void Grant(AppUser user, string subject, int? forbundId, MembershipRole role, IEnumerable<int> organisationIds,
        string auditText, string actorUserId)
    {
        var now = clock.GetUtcNow();
        user.AddMembership(forbundId, role, organisationIds, now);
        db.AuditEntries.Add(new AuditEntry(now, actorUserId, forbundId, AuditActions.MembershipGranted, subject, null, auditText));
    }

    /// <summary>Invites a new account: the invitation, its mail with the link, and the audit line.</summary>
    public void Invite(AppUser user, string email, int? forbundId, string forbundName, MembershipRole role, string auditText,
        string actorUserId, Func<string, string> link)
    {
        var now = clock.GetUtcNow();
        var (invitation, token) = Invitation.Create(user.Id, actorUserId, now);
        db.Invitations.Add(invitation);
        db.Outbox.Add(new InvitationMail(email, user.FullName, forbundName, role.DisplayName(),
            link($"/inbjudan?token={token}"), invitation.ExpiresAt).ToOutbox(now, user.Id, forbundId));
        db.AuditEntries.Add(new AuditEntry(now, actorUserId, forbundId, AuditActions.UserInvited, email, null, auditText));
    }

    /// <summary>The one line that sums up an import, beside the line of each user it invited or gave a role.</summary>
    public void RecordImport(int forbundId, string forbundName, IReadOnlyList<string> invited, IReadOnlyList<string> granted, string actorUserId) =>
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actorUserId, forbundId, AuditActions.UsersImported, Clip($"Import till {forbundName}", 200), null,
            Clip($"{invited.Count} inbjudna, {granted.Count} fick en ny roll: {string.Join(", ", invited.Concat(granted))}", 2000)));

    /// <summary>Why a grant was refused; <see cref="OnOrganisations"/> tells which field of the form it concerns.</summary>
    public sealed record Refusal(bool OnOrganisations, string Reason);

    /// <summary>
    /// Null when <paramref name="grantor"/> may give <paramref name="user"/> the role with these organisations,
    /// chosen among <paramref name="members"/> of the förbund; else the first reason, in the order the form asks.
    /// </summary>
    public static Refusal? WhyNotGrant(AppUser user, IReadOnlyCollection<Membership> grantor, MembershipRole? role, int? forbundId,
        IReadOnlyCollection<int> organisationIds, IReadOnlySet<int> members)
    {
        if (role is null) return new(false, "Välj en roll.");
        if (GrantRules.WhyNotGrant(grantor, role.Value, forbundId) is { } why) return new(false, why);
        if (user.Memberships.FirstOrDefault(m => m.Role == role && m.ForbundId == forbundId) is { } held)
            return new(false, held.IsActive
                ? $"{user.FullName} har redan rollen {role.Value.DisplayName()} i förbundet."
                : $"{user.FullName} har redan rollen {role.Value.DisplayName()}, men den är inaktiverad. Återaktivera den i tabellen ovan.");
        return OrganisationProblem(role.Value, organisationIds, members) is { } problem ? new(true, problem) : null;
    }

    /// <summary>Null when the organisations suit the role and are all members of the förbund, else the Swedish reason.</summary>
    public static string? OrganisationProblem(MembershipRole role, IReadOnlyCollection<int> organisationIds, IReadOnlySet<int> members)
    {
        var ids = organisationIds.Distinct().ToList();
        if (ids.Any(id => !members.Contains(id))) return "Organisationen är inte medlem i förbundet.";
        if (role == MembershipRole.Rapportor && ids.Count != 1) return "En rapportör företräder exakt en organisation.";
        if (role == MembershipRole.BugLedamot && ids.Count == 0)
            return "En BUG-ledamot företräder minst en organisation. Inaktivera rollen om hen inte längre ska vara BUG-ledamot.";
        if (!role.HasOrganisations() && ids.Count > 0) return $"Rollen {role.DisplayName()} företräder ingen organisation.";
        return null;
    }

    /// <summary>A role and its organisations as the audit trail shows them, e.g. "BUG-ledamot: Mölndals stad, Partille kommun".</summary>
    public static string Describe(MembershipRole role, IEnumerable<string> organisations)
    {
        var names = organisations.Order(Stockholm.Comparer).ToList();
        var text = names.Count == 0 ? role.DisplayName() : $"{role.DisplayName()}: {string.Join(", ", names)}";
        return Clip(text, 2000);
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
