using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Identity;

/// <summary>
/// The authenticator check, plus: a code that has already been accepted for this user is refused, so a code
/// seen over someone's shoulder cannot be used again within its time window (RFC 6238, section 5.2).
/// </summary>
public sealed class SingleUseAuthenticatorTokenProvider(LexHellerDb db, IConfiguration config) : AuthenticatorTokenProvider<AppUser>
{
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(5);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        if (!await base.ValidateAsync(purpose, token, manager, user)) return false;
        if (!config.GetValue("TwoFactor:RejectReusedCodes", true)) return true;

        // The code is checked against the real clock, so its reuse window is too.
        var now = DateTimeOffset.UtcNow;
        var engine = DatabaseEngine.For(db);
        var forgetBefore = engine.Instant(now - Remember);
        await db.Database.ExecuteSqlAsync($"DELETE FROM \"UsedAuthenticatorCodes\" WHERE \"UsedAt\" < {forgetBefore}");
        var claimed = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"UsedAuthenticatorCodes\" (\"UserId\", \"Code\", \"UsedAt\") VALUES ({user.Id}, {token}, {engine.Instant(now)}) ON CONFLICT DO NOTHING");
        return claimed == 1;
    }
}
