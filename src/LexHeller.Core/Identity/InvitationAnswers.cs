using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Identity;

/// <summary>The offered role, förbund and organisations, shown to the person it was offered to.</summary>
public sealed record InvitationOffer(string ForbundName, MembershipRole Role, IReadOnlyList<string> Organisations);

/// <summary>
/// What an invitation link leads to: the invitation, or why it cannot be used (<see cref="Problem"/>; an offer made
/// to another account comes with its invitation, so that account is told to log in as the right one).
/// </summary>
public sealed record InvitationLink(Invitation? Invitation, string? Problem, string FullName = "", string Email = "", InvitationOffer? Offer = null);

/// <summary>How answering an invitation went: done (with what to tell the user), or the problem, or the password's faults.</summary>
public sealed record InvitationAnswer(string? Message, string? Problem = null, IReadOnlyList<string>? PasswordErrors = null)
{
    public static InvitationAnswer Refused(string problem) => new(null, problem);
}

/// <summary>
/// Answering an invitation link. A new user chooses a password. A user who already has an account is offered a role
/// in another förbund and accepts or declines it as themselves; only then does the role exist. Each answer claims
/// the invitation with a conditional update, so the link works once, and writes the account change and its audit
/// line in one transaction.
/// </summary>
public sealed class InvitationAnswers(LexHellerDb db, UserManager<AppUser> users, TimeProvider clock)
{
    public const string UnknownLink = "Länken är ogiltig. Kontrollera att du har kopierat hela länken från e-postmeddelandet.";
    public const string UsedLink = "Länken har redan använts. Logga in med det lösenord du valde, eller använd Glömt lösenord?.";
    public const string ExpiredLink = "Länken har gått ut. Be förbundets kansli att skicka en ny inbjudan.";
    public const string AnsweredOffer = "Inbjudan är redan besvarad.";
    public const string OtherAccount = "Inbjudan gäller ett annat konto. Logga ut och logga in med kontot som fick e-postmeddelandet.";
    public const string OrganisationGone = "Organisationen som rollen skulle företräda är inte längre medlem i förbundet. Be förbundets kansli att skicka en ny inbjudan.";

    /// <summary>
    /// The invitation behind <paramref name="token"/>. What an offer is, is told only to the account it was made to
    /// (<paramref name="userId"/>, when <paramref name="signedIn"/>); to anyone else it is refused without a word of it.
    /// </summary>
    public async Task<InvitationLink> ReadAsync(string token, bool signedIn, string? userId)
    {
        var hash = Invitation.Hash(token);
        var invitation = string.IsNullOrEmpty(token) ? null : await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash);
        var check = invitation?.Check(clock.GetUtcNow()) ?? InvitationCheck.Unknown;
        var offer = invitation?.IsOffer == true;
        var problem = check switch
        {
            InvitationCheck.Unknown => UnknownLink,
            InvitationCheck.Used => offer ? AnsweredOffer : UsedLink,
            InvitationCheck.Expired => ExpiredLink,
            InvitationCheck.Valid => null,
        };
        if (problem is not null) return new(null, problem);
        if (offer)
        {
            if (!signedIn) return new(invitation, null);
            if (userId != invitation!.UserId) return new(invitation, OtherAccount);
            var forbund = await db.Forbund.Where(f => f.Id == invitation.ForbundId).Select(f => f.Name).SingleAsync();
            var organisations = (await db.Organisations.Where(o => invitation.OrganisationIds.Contains(o.Id)).Select(o => o.Name).ToListAsync())
                .Order(Stockholm.Comparer).ToList();
            return new(invitation, null, Offer: new InvitationOffer(forbund, invitation.Role!.Value, organisations));
        }
        var user = await db.Users.AsNoTracking().Where(u => u.Id == invitation!.UserId).Select(u => new { u.FullName, u.Email }).FirstAsync();
        return new(invitation, null, user.FullName, user.Email ?? "");
    }

    /// <summary>A new account's invitation, accepted by choosing a password.</summary>
    public async Task<InvitationAnswer> SetPasswordAsync(Invitation invitation, string password)
    {
        var user = await users.FindByIdAsync(invitation.UserId);
        if (user is null) return InvitationAnswer.Refused(UnknownLink);
        var faults = new List<string>();
        foreach (var validator in users.PasswordValidators)
            faults.AddRange((await validator.ValidateAsync(users, user, password)).Errors.Select(e => e.Description));
        if (faults.Count > 0) return new(null, PasswordErrors: faults);

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync();
        if (!await ClaimAsync(invitation, now, declined: false)) return InvitationAnswer.Refused(UsedLink);
        var result = await users.HasPasswordAsync(user)
            ? await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password)
            : await users.AddPasswordAsync(user, password);
        if (!result.Succeeded) return new(null, PasswordErrors: result.Errors.Select(e => e.Description).ToList());
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        await new AccountEvents(db, clock).InvitationAcceptedAsync(user);
        await tx.CommitAsync();
        return new("Ditt lösenord är sparat. Logga in för att fortsätta.");
    }

    /// <summary>An offered role accepted by the account it was made to, for the organisations still in the förbund.</summary>
    public async Task<InvitationAnswer> AcceptAsync(Invitation invitation, InvitationOffer offer)
    {
        var now = clock.GetUtcNow();
        var forbundId = invitation.ForbundId!.Value;
        var role = invitation.Role!.Value;
        await using var tx = await db.Database.BeginTransactionAsync();
        // Organisations may have left the förbund since the invitation was sent.
        var members = await db.ForbundMembers.Where(f => f.ForbundId == forbundId && invitation.OrganisationIds.Contains(f.OrganisationId))
            .Select(f => f.OrganisationId).ToListAsync();
        if (role.HasOrganisations() && members.Count == 0) return InvitationAnswer.Refused(OrganisationGone);
        if (!await ClaimAsync(invitation, now, declined: false)) return InvitationAnswer.Refused(AnsweredOffer);
        var user = await db.Users.Include(u => u.Memberships).SingleAsync(u => u.Id == invitation.UserId);
        var held = user.Memberships.Any(m => m.ForbundId == forbundId && m.Role == role);
        await new AccountEvents(db, clock).OfferAcceptedAsync(user, forbundId, role,
            role == MembershipRole.Rapportor ? members.Take(1) : members, Describe(role, offer.Organisations));
        await tx.CommitAsync();
        return new(held
            ? $"Du har redan rollen {role.DisplayName()} i {offer.ForbundName}."
            : $"Du har rollen {role.DisplayName()} i {offer.ForbundName}.");
    }

    public async Task<InvitationAnswer> DeclineAsync(Invitation invitation, InvitationOffer offer)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync();
        if (!await ClaimAsync(invitation, now, declined: true)) return InvitationAnswer.Refused(AnsweredOffer);
        var email = await db.Users.Where(u => u.Id == invitation.UserId).Select(u => u.Email).SingleAsync();
        await new AccountEvents(db, clock).OfferDeclinedAsync(invitation.UserId, email, invitation.ForbundId,
            Describe(invitation.Role!.Value, offer.Organisations));
        await tx.CommitAsync();
        return new("Du tackade nej till inbjudan.");
    }

    /// <summary>Marks the invitation used with a conditional update, so a second, simultaneous use fails.</summary>
    private async Task<bool> ClaimAsync(Invitation invitation, DateTimeOffset now, bool declined)
    {
        var unused = db.Invitations.Where(i => i.Id == invitation.Id && i.UsedAt == null);
        var claimed = declined
            ? await unused.ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, now).SetProperty(i => i.DeclinedAt, now))
            : await unused.ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, now));
        return claimed > 0;
    }

    private static string Describe(MembershipRole role, IReadOnlyList<string> organisations) =>
        organisations.Count == 0 ? role.DisplayName() : $"{role.DisplayName()}: {string.Join(", ", organisations)}";
}
