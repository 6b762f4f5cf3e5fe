using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LexHeller.Web.Identity;

/// <summary>The owner of an account hears at once when failed attempts lock it, whichever page they were made on.</summary>
public sealed class LexHellerUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger,
    LexHellerDb db,
    TimeProvider clock,
    IOptions<PublicUrlOptions> publicUrl)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> AccessFailedAsync(AppUser user)
    {
        // The mail is queued before the store saves the failure, so the lock-out and the mail commit together.
        if (SupportsUserLockout && !string.IsNullOrEmpty(user.Email) && await GetLockoutEnabledAsync(user)
            && await GetAccessFailedCountAsync(user) + 1 >= Options.Lockout.MaxFailedAccessAttempts)
            db.Outbox.Add(new AccountLockedMail(user.Email, Options.Lockout.DefaultLockoutTimeSpan, publicUrl.Value.Absolute("/glomt-losenord"))
                .ToOutbox(clock.GetUtcNow(), user.Id));
        return await base.AccessFailedAsync(user);
    }
}
