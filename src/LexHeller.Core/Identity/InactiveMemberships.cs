using System.Globalization;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LexHeller.Core.Identity;

/// <summary>How long an account may go without logging in before its roles are listed for the kansli to deactivate.</summary>
public sealed class InactivityOptions
{
    public const string Section = "Identity";
    public const int DefaultDays = 180;

    public int InactiveDays { get; set; } = DefaultDays;

    /// <summary>The one line a misconfigured server prints, or null when the configured value will do.</summary>
    public static string? WhyInvalid(string? configured) =>
        string.IsNullOrWhiteSpace(configured)
        || int.TryParse(configured, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 3650
            ? null
            : $"Lex Heller kan inte starta: Identity:InactiveDays ({configured.Trim()}) ska vara ett antal dagar mellan 1 och 3650.";
}

/// <summary>
/// The active roles whose holder has been away longer than <see cref="InactivityOptions.InactiveDays"/>: whoever
/// has not logged in since, or, never logged in, was given the role and the account that long ago. Days are
/// Stockholm days, counted from today on the injected clock; a role is listed once more than that many days have
/// passed, so on the day itself it is not.
/// </summary>
public sealed class InactiveMemberships(LexHellerDb db, TimeProvider clock, IOptions<InactivityOptions> options)
{
    public int Days => options.Value.InactiveDays;

    /// <param name="LastLoginAt">Null for an account that never logged in.</param>
    /// <param name="DaysAway">Whole Stockholm days from the last activity to today.</param>
    /// <param name="MayManage">Whether the viewer may deactivate it (never their own, and a kansli never a kansli's).</param>
    public sealed record Row(int MembershipId, string UserId, string FullName, string Email, MembershipRole Role, int? ForbundId,
        string Organisations, DateTimeOffset? LastLoginAt, int DaysAway, bool MayManage);

    /// <summary>
    /// The first instant that does not count as away: midnight in Stockholm starting the day <see cref="Days"/>
    /// days before today. Last activity before it is more than that many days ago.
    /// </summary>
    public DateTimeOffset Cutoff() => Stockholm.ToUtc(Stockholm.Today(clock.GetUtcNow()).AddDays(-Days), TimeOnly.MinValue);

    /// <summary>
    /// The inactive roles the viewer sees: those of the förbund it works in, and for an administrator also the
    /// administrator roles, which belong to no förbund. Longest away first.
    /// </summary>
    public async Task<IReadOnlyList<Row>> ListAsync(KansliOrAdmin viewer, CancellationToken ct = default)
    {
        var grantor = await db.Memberships.AsNoTracking().Where(m => m.UserId == viewer.UserId && m.IsActive).ToListAsync(ct);
        var rows = await Visible(viewer)
            .Select(m => new
            {
                m.Id, m.UserId, m.User.FullName, m.User.Email, m.Role, m.ForbundId, m.User.LastLoginAt,
                MembershipCreatedAt = m.CreatedAt, UserCreatedAt = m.User.CreatedAt,
                Organisations = m.Organisations.Select(o => o.Organisation.Name).ToList(),
            })
            .ToListAsync(ct);
        var today = Stockholm.Today(clock.GetUtcNow());
        return rows
            .Select(m =>
            {
                var last = m.LastLoginAt ?? (m.MembershipCreatedAt > m.UserCreatedAt ? m.MembershipCreatedAt : m.UserCreatedAt);
                return new Row(m.Id, m.UserId, m.FullName, m.Email ?? "", m.Role, m.ForbundId,
                    string.Join(", ", m.Organisations.Order(Stockholm.Comparer)), m.LastLoginAt,
                    today.DayNumber - Stockholm.Today(last).DayNumber,
                    m.UserId != viewer.UserId && GrantRules.MayManage(grantor, m.Role, m.ForbundId));
            })
            .OrderByDescending(r => r.DaysAway).ThenBy(r => r.FullName, Stockholm.Comparer)
            .ToList();
    }

    /// <summary>How many accounts hold a role the viewer would see listed.</summary>
    public Task<int> CountAccountsAsync(KansliOrAdmin viewer, CancellationToken ct = default) =>
        Visible(viewer).Select(m => m.UserId).Distinct().CountAsync(ct);

    /// <summary>How many accounts hold an inactive role in the förbund.</summary>
    public Task<int> CountAccountsAsync(int forbundId, CancellationToken ct = default) =>
        Inactive().Where(m => m.ForbundId == forbundId).Select(m => m.UserId).Distinct().CountAsync(ct);

    private IQueryable<Membership> Visible(KansliOrAdmin viewer)
    {
        var forbundId = viewer.CurrentForbundId;
        return viewer.IsAdministrator
            ? Inactive().Where(m => m.ForbundId == null || (forbundId != null && m.ForbundId == forbundId))
            : Inactive().Where(m => forbundId != null && m.ForbundId == forbundId);
    }

    private IQueryable<Membership> Inactive()
    {
        var cutoff = Cutoff();
        return db.Memberships.AsNoTracking()
            .Where(m => m.IsActive)
            .Where(m => (m.User.LastLoginAt != null && m.User.LastLoginAt < cutoff)
                || (m.User.LastLoginAt == null && m.CreatedAt < cutoff && m.User.CreatedAt < cutoff));
    }
}
