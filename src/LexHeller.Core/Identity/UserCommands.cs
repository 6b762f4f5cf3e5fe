using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Identity;

/// <summary>
/// What a kansli or administrator does on a user's page, one method per button. Each loads the user as the page
/// shows them (<see cref="UserDetailsQuery"/>), so a user or role the actor may not see or manage is not found,
/// checks the form, changes the account and writes the change with its audit line (and mail) in one commit.
/// </summary>
public sealed class UserCommands(LexHellerDb db, UserDetailsQuery query, UserManager<AppUser> users, IUserStore<AppUser> store, TimeProvider clock,
    InactiveMemberships inactive)
{
    /// <summary>
    /// Gives the user another role in the förbund the page offers (<paramref name="forbundId"/> is the one the form
    /// named); fields are named as in the grant form: ForbundId, Role, OrganisationIds.
    /// </summary>
    public async Task<CommandResult> GrantAsync(KansliOrAdmin who, string userId, int? forbundId, MembershipRole? role,
        IReadOnlyList<int> organisationIds, CancellationToken ct = default)
    {
        var shown = await query.LoadAsync(userId, who, forbundId, ct);
        if (shown?.Grant is not { ForbundId: not null } grant) return CommandResult.NotFound;
        if (WhyNotGrant(who, shown, forbundId, role, organisationIds) is { } refused) return refused;

        var user = shown.User;
        var target = role == MembershipRole.Administrator ? null : grant.ForbundId;
        var ids = role!.Value.HasOrganisations() ? organisationIds.Distinct().ToList() : [];
        var names = grant.Organisations.Where(o => ids.Contains(o.Id)).Select(o => o.Name);
        new MembershipAdmin(db, clock).Grant(user, user.Email ?? user.Id, target, role.Value, ids, MembershipAdmin.Describe(role.Value, names), who.UserId);
        await db.SaveChangesAsync(ct);
        return CommandResult.Done(target is null
            ? $"{user.FullName} har fått rollen {role.Value.DisplayName()}."
            : $"{user.FullName} har fått rollen {role.Value.DisplayName()} i {grant.ForbundName}.");
    }

    /// <summary>
    /// Null when <paramref name="who"/> may give the <paramref name="shown"/> user the role, else why not, as the grant
    /// form shows it. Public for a form whose input did not bind, so its other faults are named with it.
    /// </summary>
    public static CommandResult? WhyNotGrant(KansliOrAdmin who, UserDetailsQuery.Result shown, int? forbundId, MembershipRole? role,
        IReadOnlyList<int> organisationIds)
    {
        if (shown.Grant is not { ForbundId: { } picked } grant) return CommandResult.NotFound;
        // A kansli's form always names the förbund it works in; anything else was not offered.
        if (forbundId is not null && forbundId != picked)
            return CommandResult.Refused(who.IsAdministrator ? "Förbundet finns inte." : "Du kan bara ge roller i förbundet du arbetar i.");
        var refusal = MembershipAdmin.WhyNotGrant(shown.User, shown.Grantor, role, role == MembershipRole.Administrator ? null : picked,
            organisationIds, grant.Organisations.Select(o => o.Id).ToHashSet());
        return refusal is null ? null
            : CommandResult.Refused(null, new FieldError(refusal.OnOrganisations ? "OrganisationIds" : "Role", refusal.Reason));
    }

    /// <summary>Changes the organisations an active role of the user represents; the field is OrganisationIds.</summary>
    public async Task<CommandResult> SetOrganisationsAsync(KansliOrAdmin who, string userId, int membershipId, IReadOnlyList<int> organisationIds,
        CancellationToken ct = default)
    {
        var shown = await query.LoadAsync(userId, who, ct: ct);
        var form = shown?.Representations.FirstOrDefault(r => r.MembershipId == membershipId);
        if (shown is null || form is null) return CommandResult.NotFound;
        if (form.WhyNot(organisationIds) is { } problem) return CommandResult.Refused(null, new FieldError("OrganisationIds", problem));

        var user = shown.User;
        var membership = user.Memberships.Single(m => m.Id == membershipId);
        var wanted = organisationIds.Distinct().ToList();
        var before = form.Describe(form.Current);
        if (!membership.SetOrganisations(wanted)) return CommandResult.Done("Inget ändrades.");
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), who.UserId, membership.ForbundId, AuditActions.MembershipOrganisationsChanged,
            user.Email ?? user.Id, before, form.Describe(wanted)));
        await db.SaveChangesAsync(ct);
        return CommandResult.Done($"Organisationerna som {user.FullName} företräder som {form.Role.DisplayName()} sparades.");
    }

    /// <summary>
    /// Deactivates or reactivates a role the actor may manage. A deactivation renews the user's security stamp in
    /// the same transaction, which ends every session of theirs, so a lost role takes effect at once.
    /// </summary>
    public async Task<CommandResult> SetActiveAsync(KansliOrAdmin who, string userId, int membershipId, bool active, CancellationToken ct = default)
    {
        var shown = await query.LoadAsync(userId, who, ct: ct);
        var row = shown?.Memberships.FirstOrDefault(m => m.Id == membershipId);
        if (shown is null || row is null || !row.MayManage) return CommandResult.NotFound;

        var user = shown.User;
        var membership = user.Memberships.Single(m => m.Id == membershipId);
        var now = clock.GetUtcNow();
        var role = membership.Role.DisplayName();
        if (active)
        {
            membership.Reactivate();
            db.AuditEntries.Add(new AuditEntry(now, who.UserId, membership.ForbundId, AuditActions.MembershipReactivated,
                user.Email ?? user.Id, $"{role}: inaktiv", $"{role}: aktiv"));
        }
        else Deactivate(who, membership, now);
        // Identity's manager saves by itself; the transaction makes its save and ours one.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!active) await users.UpdateSecurityStampAsync(user);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return CommandResult.Done(active ? $"Rollen {role} återaktiverades." : $"Rollen {role} inaktiverades.");
    }

    /// <summary>
    /// Deactivates the ticked roles of the list of those who have been away too long (<see cref="InactiveMemberships"/>),
    /// each as <see cref="SetActiveAsync"/> would, all in one transaction; the field is MembershipIds. A ticked role
    /// that has left the list since (its holder logged in, or someone deactivated it) or that the actor may not
    /// manage is left as it is, and the message says so.
    /// </summary>
    public async Task<CommandResult> DeactivateInactiveAsync(KansliOrAdmin who, IReadOnlyCollection<int> membershipIds, CancellationToken ct = default)
    {
        if (membershipIds.Count == 0)
            return CommandResult.Refused(null, new FieldError("MembershipIds", "Kryssa i minst en roll att inaktivera."));
        var listed = (await inactive.ListAsync(who, ct)).Where(r => r.MayManage).Select(r => r.MembershipId).ToHashSet();
        var chosen = membershipIds.Distinct().Where(listed.Contains).ToList();
        var skipped = membershipIds.Distinct().Count() - chosen.Count;
        if (chosen.Count == 0)
            return CommandResult.Refused(null, new FieldError("MembershipIds",
                "Ingen av de markerade rollerna finns kvar i listan. De kan ha loggat in eller inaktiverats under tiden."));

        var memberships = await db.Memberships.Include(m => m.User).Where(m => chosen.Contains(m.Id)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var membership in memberships) Deactivate(who, membership, now);
        // Identity's manager saves by itself; the transaction makes its saves and ours one.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var user in memberships.Select(m => m.User).DistinctBy(u => u.Id))
            await users.UpdateSecurityStampAsync(user);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var done = $"{Swedish.Count(memberships.Count, "roll", "roller")} inaktiverades.";
        return CommandResult.Done(skipped == 0 ? done
            : $"{done} {Swedish.Count(skipped, "markerad roll", "markerade roller")} fanns inte längre i listan och lämnades {(skipped == 1 ? "orörd" : "orörda")}.");
    }

    /// <summary>Deactivates the membership with the audit line a deactivation writes; the caller renews the stamp and saves.</summary>
    private void Deactivate(KansliOrAdmin who, Membership membership, DateTimeOffset now)
    {
        membership.Deactivate(now);
        var role = membership.Role.DisplayName();
        db.AuditEntries.Add(new AuditEntry(now, who.UserId, membership.ForbundId, AuditActions.MembershipDeactivated,
            membership.User.Email ?? membership.User.Id, $"{role}: aktiv", $"{role}: inaktiv"));
    }

    /// <summary>
    /// Clears the user's authenticator and recovery codes, tells them by mail and audits it, once the actor has
    /// confirmed (the field is Confirm) that they checked who asks. Only whoever may manage every role the user holds
    /// may do it. Identity's manager saves each of its steps itself; the transaction makes them, the mail and the
    /// audit line one.
    /// </summary>
    public async Task<CommandResult> ResetTwoFactorAsync(KansliOrAdmin who, string userId, bool confirmed, CancellationToken ct = default)
    {
        var shown = await query.LoadAsync(userId, who, ct: ct);
        if (shown is null || !shown.MayResetTwoFactor) return CommandResult.NotFound;
        if (!confirmed)
            return CommandResult.Refused(null, new FieldError("Confirm", "Kryssa i rutan för att bekräfta att du har kontrollerat vem som ber om återställningen."));

        var user = shown.User;
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ((IUserTwoFactorRecoveryCodeStore<AppUser>)store).ReplaceCodesAsync(user, [], ct);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        db.AuditEntries.Add(new AuditEntry(now, who.UserId, who.IsAdministrator ? null : who.CurrentForbundId, AuditActions.TwoFactorReset,
            user.Email ?? user.Id, "Aktiverad", "Återställd"));
        db.Outbox.Add(new TwoFactorChangedMail(user.Email ?? "",
            $"{who.FullName} återställde tvåfaktorsinloggningen för ditt konto {Stockholm.Format(now)}. Du registrerar en ny autentiseringsapp nästa gång du loggar in.")
            .ToOutbox(now, user.Id));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return CommandResult.Done($"Tvåfaktorsinloggningen för {user.FullName} återställdes. Hen registrerar en ny app vid nästa inloggning.");
    }

    /// <summary>
    /// A new invitation for an account that never set a password, in the förbund of its first active role; only for
    /// whoever may manage every role the user holds.
    /// </summary>
    public async Task<CommandResult> ReinviteAsync(KansliOrAdmin who, string userId, Func<string, string> link, CancellationToken ct = default)
    {
        var shown = await query.LoadAsync(userId, who, ct: ct);
        if (shown is null || shown.User.PasswordHash is not null || !shown.MayResetTwoFactor) return CommandResult.NotFound;

        var user = shown.User;
        var first = user.Memberships.OrderByDescending(m => m.IsActive).First();
        var forbundName = first.ForbundId is null ? "Lex Heller"
            : await db.Forbund.Where(f => f.Id == first.ForbundId).Select(f => f.Name).FirstAsync(ct);
        new MembershipAdmin(db, clock).Invite(user, user.Email!, first.ForbundId, forbundName, first.Role, "Ny inbjudan", who.UserId, link);
        await db.SaveChangesAsync(ct);
        return CommandResult.Done($"En ny inbjudan har skickats till {user.Email}.");
    }
}
