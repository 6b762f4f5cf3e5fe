using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Identity;

/// <summary>
/// "Bjud in användare": one person, by address, into a role. A new address gets an account and an invitation; an
/// account a kansli may not see (it has no role in the kansli's förbund) is offered the role, to accept or decline;
/// any other account is given the role at once. Each of the three writes the account change, the invitation, its
/// mail and the audit line in one transaction.
/// </summary>
public sealed class UserInvitations(LexHellerDb db, UserManager<AppUser> users, TimeProvider clock)
{
    public sealed record Choice(int Id, string Name);

    /// <summary>
    /// What the form offers: the förbund to invite into (<see cref="ForbundId"/>, null when there is none), the roles
    /// the inviter may give and the förbund's member organisations. <see cref="Refusal"/> says why the förbund the form
    /// named was not the one picked.
    /// </summary>
    public sealed record Form(IReadOnlyList<Choice> ForbundChoices, int? ForbundId, string ForbundName, IReadOnlyList<MembershipRole> Roles,
        IReadOnlyList<Choice> Organisations, string? Refusal);

    /// <summary>The person as the form names them; the address and name are trimmed here.</summary>
    public sealed record Invitee(string FullName, string Email, MembershipRole Role, IReadOnlyList<int> OrganisationIds);

    /// <summary>What an invitation did, and the user whose page to show next: none after an offer, whose account the inviter does not see.</summary>
    public sealed record Outcome(CommandResult Result, string? UserId = null);

    /// <summary>
    /// The form for <paramref name="forbundId"/>: an administrator invites into the förbund it picks (else its own, else
    /// the first), a kansli always into the one it works in, whatever the form says.
    /// </summary>
    public async Task<Form> FormAsync(KansliOrAdmin who, int? forbundId, CancellationToken ct = default)
    {
        IReadOnlyList<Choice> choices;
        IReadOnlyList<MembershipRole> roles;
        int? picked;
        string? refusal = null;
        if (who.IsAdministrator)
        {
            choices = await db.Forbund.OrderBy(f => f.Name).Select(f => new Choice(f.Id, f.Name)).ToListAsync(ct);
            roles = Enum.GetValues<MembershipRole>();
            picked = forbundId is not null && choices.Any(f => f.Id == forbundId) ? forbundId : who.CurrentForbundId ?? choices.FirstOrDefault()?.Id;
        }
        else
        {
            choices = [new Choice(who.CurrentForbundId!.Value, who.CurrentForbundName!)];
            roles = MembershipRoles.GrantableByKansli;
            if (forbundId is not null && forbundId != who.CurrentForbundId)
                refusal = "Du kan bara bjuda in användare till förbund där du själv är kansli.";
            picked = who.CurrentForbundId;
        }
        var organisations = (await db.ForbundMembers.Where(m => m.ForbundId == picked)
                .Select(m => new Choice(m.OrganisationId, m.Organisation.Name)).ToListAsync(ct))
            .OrderBy(o => o.Name, Stockholm.Comparer).ToList();
        return new Form(choices, picked, choices.FirstOrDefault(f => f.Id == picked)?.Name ?? "", roles, organisations, refusal);
    }

    /// <summary>
    /// What is wrong with the role and organisations the form asks for, every problem at once; nothing while no role
    /// is chosen (the form names that itself). Fields are named as in <see cref="Invitee"/>.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> CheckAsync(KansliOrAdmin who, Form form, MembershipRole? role, IReadOnlyCollection<int> organisationIds,
        CancellationToken ct = default)
    {
        if (role is not { } r) return [];
        var errors = new List<FieldError>();
        var grantor = await db.Memberships.AsNoTracking().Where(m => m.UserId == who.UserId && m.IsActive).ToListAsync(ct);
        if (GrantRules.WhyNotGrant(grantor, r, r == MembershipRole.Administrator ? null : form.ForbundId) is { } why)
            errors.Add(new(nameof(Invitee.Role), why));
        var members = form.Organisations.Select(o => o.Id).ToHashSet();
        var problem = organisationIds.Any(id => !members.Contains(id)) ? "Välj bland förbundets organisationer."
            : r == MembershipRole.Rapportor && organisationIds.Count != 1 ? "En rapportör företräder exakt en organisation."
            : r == MembershipRole.BugLedamot && organisationIds.Count == 0 ? "Välj minst en organisation som BUG-ledamoten företräder."
            : !r.HasOrganisations() && organisationIds.Count > 0 ? $"Rollen {r.DisplayName()} företräder ingen organisation."
            : null;
        if (problem is not null) errors.Add(new(nameof(Invitee.OrganisationIds), problem));
        return errors;
    }

    /// <summary>
    /// Invites <paramref name="invitee"/> into <paramref name="forbundId"/> (an administrator role is in no förbund),
    /// checked as <see cref="CheckAsync"/> checks the form. An address that already has the role is refused.
    /// </summary>
    public async Task<Outcome> InviteAsync(KansliOrAdmin who, int? forbundId, Invitee invitee, Func<string, string> link, CancellationToken ct = default)
    {
        var form = await FormAsync(who, forbundId, ct);
        var errors = await CheckAsync(who, form, invitee.Role, invitee.OrganisationIds, ct);
        if (form.Refusal is not null || errors.Count > 0) return new(CommandResult.Refused(form.Refusal, [.. errors]));

        var now = clock.GetUtcNow();
        var role = invitee.Role;
        var target = role == MembershipRole.Administrator ? null : form.ForbundId;
        var email = invitee.Email.Trim();
        var admin = new MembershipAdmin(db, clock);
        var existing = await users.FindByEmailAsync(email);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (existing is not null)
        {
            await db.Entry(existing).Collection(u => u.Memberships).LoadAsync(ct);
            // Someone outside the kansli's förbund decides for themselves: they are offered the role, and until they
            // accept the kansli learns nothing of the account beyond the address it typed.
            if (!who.IsAdministrator && existing.Memberships.All(m => m.ForbundId != target))
            {
                var names = form.Organisations.Where(o => invitee.OrganisationIds.Contains(o.Id)).Select(o => o.Name);
                MembershipOffers.Add(db, existing, email, target!.Value, form.ForbundName, role, invitee.OrganisationIds,
                    MembershipAdmin.Describe(role, names), who.UserId, link, now);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return new(CommandResult.Done($"Inbjudan skickades till {email}."));
            }
            var same = existing.Memberships.FirstOrDefault(m => m.ForbundId == target && m.Role == role);
            if (same is not null)
                return new(CommandResult.Refused(null, new FieldError(nameof(Invitee.Email), same.IsActive
                    ? $"{existing.FullName} har redan rollen {role.DisplayName()} i förbundet."
                    : $"{existing.FullName} har rollen men den är inaktiverad. Återaktivera den på användarens sida.")));
            admin.Grant(existing, email, target, role, invitee.OrganisationIds, role.DisplayName(), who.UserId);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new(CommandResult.Done($"{existing.FullName} fanns redan i Lex Heller och har fått rollen {role.DisplayName()}."), existing.Id);
        }

        var user = new AppUser(email, invitee.FullName.Trim(), now);
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
            return new(CommandResult.Refused(null, [.. created.Errors.Select(e => new FieldError(nameof(Invitee.Email), e.Description))]));
        user.AddMembership(target, role, invitee.OrganisationIds, now);
        admin.Invite(user, email, target, target is null ? "Lex Heller" : form.ForbundName, role, role.DisplayName(), who.UserId, link);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(CommandResult.Done($"En inbjudan har skickats till {email}."), user.Id);
    }
}
