using LexHeller.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Identity;

/// <summary>
/// Ending log-in sessions: the person's own log-out, and the identity provider's word that its session ended
/// (back-channel log-out). An ended session lets no request through, whichever copy of its cookie is used.
/// </summary>
public sealed class LoginSessions(LexHellerDb db, TimeProvider clock)
{
    public const string LoggedOut = "Utloggad";
    public const string LoggedOutAtProvider = "Utloggad hos leverantören";

    /// <summary>What the log-out needs to end the provider's session too: the provider and the id token it gave.</summary>
    public sealed record Ended(int? IdentityProviderId, string? IdTokenHint);

    /// <summary>Ends the user's session <paramref name="sessionId"/>; null when the user has no such session.</summary>
    public async Task<Ended?> EndAsync(string sessionId, string userId)
    {
        var session = await db.LoginSessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId);
        if (session is null) return null;
        var ended = new Ended(session.IdentityProviderId, session.IdTokenHint);
        session.End(LoggedOut, clock.GetUtcNow());
        await db.SaveChangesAsync();
        return ended;
    }

    /// <summary>
    /// Ends the sessions the provider named: those with its session id (<paramref name="externalSessionId"/>), or, when
    /// it named only the subject, every session of that subject through the provider. Returns how many ended.
    /// </summary>
    public async Task<int> EndAtProviderAsync(int providerId, string? externalSessionId, string? subject)
    {
        if (string.IsNullOrEmpty(externalSessionId) && string.IsNullOrEmpty(subject)) return 0;
        var open = db.LoginSessions.Where(s => s.IdentityProviderId == providerId && s.EndedAt == null);
        // A sid names one session at the provider; the subject alone names the person's every session there. The
        // subject is matched against the one stored at log-in, read from the provider's subject claim: a provider
        // whose subject claim is not sub must send sid (Lex Heller asks for it when registered, see docs/e-id.md).
        open = string.IsNullOrEmpty(externalSessionId)
            ? open.Where(s => s.ExternalSubject == subject)
            : open.Where(s => s.ExternalSessionId == externalSessionId);
        var sessions = await open.ToListAsync();
        var now = clock.GetUtcNow();
        foreach (var session in sessions) session.End(LoggedOutAtProvider, now);
        await db.SaveChangesAsync();
        return sessions.Count;
    }
}
