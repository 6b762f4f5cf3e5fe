using LexHeller.Core.Audit;
using LexHeller.Core.Data;
using LexHeller.Core.Time;

namespace LexHeller.Core.Api;

/// <summary>Making and revoking API keys, each with its audit line in the same save.</summary>
public sealed class ApiKeyAdmin(LexHellerDb db, TimeProvider clock)
{
    /// <summary>The last day a key may be valid through, counted from today in Stockholm.</summary>
    public static DateOnly LastExpiryDay(DateOnly today) => today.AddYears(2);

    /// <summary>Why this expiry day is refused, in Swedish; null when it is allowed.</summary>
    public static string? WhyExpiryRefused(DateOnly day, DateOnly today) =>
        day <= today ? "Sista giltighetsdag måste vara efter i dag."
        : day > LastExpiryDay(today) ? $"Sista giltighetsdag får vara högst två år fram, senast {LastExpiryDay(today):yyyy-MM-dd}."
        : null;

    public sealed record Created(ApiKey Key, string Secret);

    /// <summary>A key valid through <paramref name="lastDay"/> (Stockholm time); the secret is returned once and never stored.</summary>
    public async Task<Created> CreateAsync(int? forbundId, string name, IReadOnlyCollection<ApiScope> scopes, DateOnly lastDay,
        string actorUserId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (WhyExpiryRefused(lastDay, Stockholm.Today(now)) is { } why) throw new ArgumentException(why, nameof(lastDay));
        if (scopes.Count == 0) throw new ArgumentException("A key needs a scope.", nameof(scopes));
        var key = ApiKey.Create(forbundId, name, scopes, Stockholm.ToUtc(lastDay.AddDays(1), TimeOnly.MinValue), actorUserId, now, out var secret);
        db.ApiKeys.Add(key);
        db.AuditEntries.Add(new AuditEntry(now, actorUserId, forbundId, AuditActions.ApiKeyCreated, Subject(key), null,
            $"{string.Join(", ", key.Scopes)}; giltig till och med {lastDay:yyyy-MM-dd}"));
        await db.SaveChangesAsync(ct);
        return new Created(key, secret);
    }

    /// <returns>False when the key was already revoked.</returns>
    public async Task<bool> RevokeAsync(ApiKey key, string actorUserId, CancellationToken ct = default)
    {
        if (key.RevokedAt is not null) return false;
        var now = clock.GetUtcNow();
        key.Revoke(actorUserId, now);
        db.AuditEntries.Add(new AuditEntry(now, actorUserId, key.ForbundId, AuditActions.ApiKeyRevoked, Subject(key), "Aktiv", "Återkallad"));
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static string Subject(ApiKey key) => $"API-nyckel ”{key.Name}” ({key.Prefix}…)";
}
