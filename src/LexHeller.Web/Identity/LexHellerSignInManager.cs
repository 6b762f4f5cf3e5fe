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
    DecoyPasswordHash decoy)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
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
        return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
    }
}

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
