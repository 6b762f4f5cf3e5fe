using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Notifications;

/// <summary>
/// A user to tell, with the address they have (a user without one still gets a row, failed with the reason); or,
/// without a user, the förbund's shared kansli mailbox.
/// </summary>
public sealed record Recipient(string? UserId, string? Email);

/// <summary>The groups that notifications go to, each an active membership of the förbund.</summary>
public static class Recipients
{
    /// <summary>The active kansli members, and the förbund's shared kansli mailbox when it has one.</summary>
    public static async Task<List<Recipient>> KansliAsync(LexHellerDb db, int forbundId, CancellationToken ct) =>
        (await ForbundKansliAsync(db, forbundId, ct)).Kansli;

    /// <summary>The förbund's name with its kansli recipients (members and shared mailbox), read in one statement.</summary>
    public static async Task<(string Forbund, List<Recipient> Kansli)> ForbundKansliAsync(LexHellerDb db, int forbundId, CancellationToken ct)
    {
        var forbund = await ForbundWithKansli.For(db)(db, forbundId, ct) ?? throw new InvalidOperationException($"Förbund {forbundId} does not exist.");
        var members = Ordered(forbund.Members);
        if (forbund.SharedMailbox is { } shared && !members.Any(m => string.Equals(m.Email, shared, StringComparison.OrdinalIgnoreCase)))
            members.Add(new Recipient(null, shared));
        return (forbund.Name, members);
    }

    public static Task<List<Recipient>> BugMembersAsync(LexHellerDb db, int forbundId, CancellationToken ct) =>
        Distinct(db.Memberships.Where(m => m.ForbundId == forbundId && m.IsActive && m.Role == MembershipRole.BugLedamot), ct);

    /// <summary>The BUG members who represent any of the organisations.</summary>
    public static Task<List<Recipient>> BugMembersOfAsync(LexHellerDb db, int forbundId, IReadOnlyCollection<int> organisations, CancellationToken ct) =>
        Distinct(db.Memberships.Where(m => m.ForbundId == forbundId && m.IsActive && m.Role == MembershipRole.BugLedamot
            && m.Organisations.Any(o => organisations.Contains(o.OrganisationId))), ct);

    public static Task<List<Recipient>> UserAsync(LexHellerDb db, string? userId, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId).Select(u => new Recipient(u.Id, u.Email)).ToListAsync(ct);

    private sealed record ForbundKansli(string Name, string? SharedMailbox, List<Recipient> Members);

    // Written on every filing, so compiled once.
    private static readonly PerModel<Func<LexHellerDb, int, CancellationToken, Task<ForbundKansli?>>> ForbundWithKansli = new(() => EF.CompileAsyncQuery(
        (LexHellerDb db, int forbundId, CancellationToken ct) => db.Forbund
            .Where(f => f.Id == forbundId)
            .Select(f => new ForbundKansli(f.Name, f.KansliEmail, db.Memberships
                .Where(m => m.ForbundId == f.Id && m.IsActive && m.Role == MembershipRole.Kansli)
                .Select(m => new Recipient(m.UserId, m.User.Email))
                .ToList()))
            .FirstOrDefault()));

    private static async Task<List<Recipient>> Distinct(IQueryable<Membership> memberships, CancellationToken ct) =>
        Ordered(await memberships.Select(m => new Recipient(m.UserId, m.User.Email)).ToListAsync(ct));

    private static List<Recipient> Ordered(IEnumerable<Recipient> recipients) =>
        recipients.DistinctBy(r => r.UserId).OrderBy(r => r.Email, StringComparer.Ordinal).ToList();
}
