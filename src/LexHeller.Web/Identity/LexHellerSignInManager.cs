using System.Security.Claims;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LexHeller.Web.Identity;

/// <summary>
/// A user whose every membership is deactivated may not sign in. Refusing an unknown address or a locked account
/// costs one password check, as refusing a wrong password does, so the time of the answer tells nobody which
/// accounts exist or are locked.
/// </summary>
public sealed class LexHellerSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    LexHellerDb db,
    DecoyPasswordHash decoy,
    ExternalLogins externalLogins,
    TimeProvider clock)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private IReadOnlyList<Claim>? _refreshing;

    public override async Task<bool> CanSignInAsync(AppUser user) =>
        await base.CanSignInAsync(user) && await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.IsActive);

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is not null) return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        decoy.Check(UserManager.PasswordHasher, password);
        return SignInResult.Failed;
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(AppUser user, string password, bool lockoutOnFailure)
    {
        if (UserManager.SupportsUserLockout && await UserManager.IsLockedOutAsync(user))
            decoy.Check(UserManager.PasswordHasher, password);
        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        // Only the right password learns that the förbund logs in with e-legitimation instead.
        if (result.Succeeded && !await externalLogins.PasswordAllowedAsync(user.Id)) return new PasswordLoginTurnedOff();
        return result;
    }

    /// <summary>
    /// Every log-in ends here — password, authenticator code, identity provider — so every log-in is recorded as a
    /// <see cref="LoginSession"/> (with the account's last log-in) in one save, and the cookie carries the session.
    /// A refresh of the cookie keeps the session it had.
    /// </summary>
    public override async Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.Where(c => c.Type is not (LoginClaims.Session or LoginClaims.Method)).ToList();
        if (_refreshing is { Count: > 0 } kept)
        {
            claims.AddRange(kept);
        }
        else
        {
            var session = await StartSessionAsync(user, claims);
            claims.Add(new Claim(LoginClaims.Session, session.Id));
            claims.Add(new Claim(LoginClaims.Method, session.Method));
        }
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    public override async Task RefreshSignInAsync(AppUser user)
    {
        var current = await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        _refreshing = current.Principal?.Claims.Where(c => c.Type is LoginClaims.Session or LoginClaims.Method)
            .Select(c => new Claim(c.Type, c.Value)).ToList();
        try
        {
            await base.RefreshSignInAsync(user);
        }
        finally
        {
            _refreshing = null;
        }
    }

    /// <summary>The identity provider's answer of the log-in under way, when the page already read it.</summary>
    public AuthenticateResult? PendingExternal { get; set; }

    private async Task<LoginSession> StartSessionAsync(AppUser user, List<Claim> claims)
    {
        var now = clock.GetUtcNow();
        var authenticatorCode = claims.Any(c => c.Type == "amr" && c.Value == MemberAuthorizationHandler.MfaClaimValue);
        var scheme = claims.FirstOrDefault(c => c.Type == ClaimTypes.AuthenticationMethod)?.Value;
        LoginSession session;
        if (scheme is not null && scheme.StartsWith("oidc-", StringComparison.Ordinal) && int.TryParse(scheme.AsSpan(5), out var providerId)
            && await db.IdentityProviders.AsNoTracking().FirstOrDefaultAsync(p => p.Id == providerId) is { } provider)
        {
            var external = PendingExternal ?? await Context.AuthenticateAsync(IdentityConstants.ExternalScheme);
            var principal = external.Principal;
            var acr = principal?.FindFirst("acr")?.Value;
            var strong = provider.IsStrong(acr);
            session = LoginSession.External(user.Id, provider, acr, authenticatorCode && !strong,
                principal?.FindFirst("sid")?.Value, principal?.FindFirst(provider.SubjectClaim)?.Value,
                external.Properties?.GetTokenValue("id_token"), now);
            await Context.SignOutAsync(IdentityConstants.ExternalScheme);
        }
        else
        {
            session = LoginSession.Password(user.Id, authenticatorCode, now);
        }
        db.LoginSessions.Add(session);
        // Identity's store tracks the account already; only the last log-in changes here.
        var account = db.ChangeTracker.Entries<AppUser>().FirstOrDefault(e => e.Entity.Id == user.Id)?.Entity
            ?? await db.Users.FirstAsync(u => u.Id == user.Id);
        account.LoggedIn(now);
        await db.SaveChangesAsync();
        return session;
    }
}

/// <summary>The password was right, but a förbund of the person has turned password log-in off.</summary>
public sealed class PasswordLoginTurnedOff : SignInResult;

/// <summary>A hash of a random password, made once per app by the app's own hasher, to check guesses against in vain.</summary>
public sealed class DecoyPasswordHash
{
    private static readonly AppUser Nobody = new("", "", DateTimeOffset.UnixEpoch);
    private string? _hash;

    public void Check(IPasswordHasher<AppUser> hasher, string password)
    {
        var hash = LazyInitializer.EnsureInitialized(ref _hash, () => hasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));
        _ = hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}
