using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Meetings;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Cases;

/// <summary>
/// Everything the case page shows, for one user, in few statements: the case with its small collections, the
/// timeline, every name it mentions in one UNION, and the lists of a form only when that form is shown.
/// </summary>
public sealed class CasePageQuery(LexHellerDb db, TimeProvider clock, Agendas agendas)
{
    /// <summary>One step of the case's history; <see cref="Line"/> tells it in words ("Sara Lindqvist tog ärendet").</summary>
    public sealed record TimelineRow(DateTimeOffset At, string Who, string What, string? Comment)
    {
        public string Line => $"{Who} {What}";
    }
    public sealed record RuleConflictView(string PartyA, string RequirementA, string? RuleA, string PartyB, string RequirementB, string? RuleB);
    public sealed record ReferralView(int OrganisationId, string Organisation, ReferralStatus Status, DateOnly DueDate, bool Overdue, string? Response, bool MayAnswer);
    public sealed record Option(int Id, string Name, bool HasBugMember = true);

    /// <param name="Permitted">The triggers the user may fire now, from the route table.</param>
    /// <param name="ResponseDue">The proposed due date of a referral, when the referral form is offered.</param>
    public sealed record View(
        Case Case, CaseActorContext Actor, IReadOnlyList<CaseTrigger> Permitted,
        string? Category, IReadOnlyList<string> Parties, IReadOnlyList<RuleConflictView> RuleConflicts, string? HandoverFrom, string? HandoverTo,
        IReadOnlyList<TimelineRow> Timeline, IReadOnlyList<ReferralView> Referrals,
        string? ReporterName, string? ReporterOrganisation, string? HandlerName,
        IReadOnlyList<Option> Partners, IReadOnlyList<Option> Categories, DateOnly? ResponseDue)
    {
        public bool IsKansli => Actor.Actors.Contains(CaseActor.Kansli);

        /// <summary>The kansli's form for correcting category and parties, which lists the categories and partners.</summary>
        public bool OffersCorrection => IsKansli && Case.State is CaseState.UnderGranskning or CaseState.KompletteringBegard;

        /// <summary>The referral form, which lists the partners and proposes a due date.</summary>
        public bool OffersReferral => Permitted.Contains(CaseTrigger.Refer);

        /// <summary>For the kansli: the words the reporter confirmed name no person ("Anna Lindh-skolan").</summary>
        public IReadOnlyList<string> NameConfirmations { get; init; } = [];
    }

    /// <summary>A role as the one who did a step: "Kansliet tog ärendet".</summary>
    private static string Subject(CaseActor actor) => actor switch
    {
        CaseActor.Reporter => "Rapportören",
        CaseActor.Kansli => "Kansliet",
        CaseActor.BugMember => "En BUG-ledamot",
        CaseActor.System => "Systemet",
    };

    private static readonly StringComparer SwedishOrder = StringComparer.Create(Stockholm.Culture, false);
    private enum NameKind { Organisation, Category, Person, ConfirmedNotPerson }

    /// <summary>The case as <paramref name="user"/> may see it, or null (404) when they may not.</summary>
    /// <param name="everyList">Load the lists of every form (a refused post is shown again with any form's errors).</param>
    public async Task<View?> LoadAsync(int id, CaseUser user, bool everyList = false, CancellationToken ct = default)
    {
        // Parties, rule conflicts, questions and referrals are a handful of rows each, so one joined statement
        // beats one statement per collection; the timeline grows with every step and comes on its own.
        var c = await db.Cases.AsNoTracking()
            .Include(x => x.Parties).Include(x => x.RuleConflicts).Include(x => x.Questions).Include(x => x.Referrals)
            .AsSingleQuery()
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !user.CanView(c)) return null;
        var events = await db.CaseEvents.AsNoTracking()
            .Where(e => e.CaseId == id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var actor = user.ActorFor(c);
        var permitted = CaseWorkflow.Permitted(c, actor.Actors);
        var isKansli = actor.Actors.Contains(CaseActor.Kansli);

        var orgIds = c.Parties.Select(p => p.OrganisationId)
            .Concat(c.RuleConflicts.SelectMany(r => new[] { r.PartyAOrganisationId, r.PartyBOrganisationId }))
            .Concat(c.Referrals.Select(r => (int?)r.OrganisationId))
            .Append(c.HandoverFromOrganisationId).Append(c.HandoverToOrganisationId).Append(c.ReporterOrganisationId)
            .OfType<int>().Distinct().ToList();
        // Names of people are for the kansli; everyone else sees roles.
        var userIds = events.Select(e => e.ActorUserId).Append(c.HandlerUserId).Append(c.ReporterUserId).OfType<string>().Distinct().ToList();
        var names = db.Organisations.Where(o => orgIds.Contains(o.Id))
            .Select(o => new { Kind = NameKind.Organisation, OrganisationId = (int?)o.Id, UserId = (string?)null, o.Name })
            .Concat(db.Categories.Where(k => k.Id == c.CategoryId)
                .Select(k => new { Kind = NameKind.Category, OrganisationId = (int?)null, UserId = (string?)null, k.Name }));
        if (isKansli)
            names = names.Concat(db.Users.Where(u => userIds.Contains(u.Id))
                .Select(u => new { Kind = NameKind.Person, OrganisationId = (int?)null, UserId = (string?)u.Id, Name = u.FullName }))
                .Concat(db.CaseNameConfirmations.Where(n => n.CaseId == id)
                    .Select(n => new { Kind = NameKind.ConfirmedNotPerson, OrganisationId = (int?)n.Id, UserId = (string?)null, Name = n.Words }));
        var found = await names.ToListAsync(ct);
        var organisations = found.Where(n => n.Kind == NameKind.Organisation).ToDictionary(n => n.OrganisationId!.Value, n => n.Name);
        var people = found.Where(n => n.Kind == NameKind.Person).ToDictionary(n => n.UserId!, n => n.Name);
        string Name(int? orgId, string? other) => orgId is { } i ? organisations.GetValueOrDefault(i, "?") : other ?? "–";

        var today = Stockholm.Today(clock.GetUtcNow());
        var referrals = c.CurrentReferrals.OrderBy(r => Name(r.OrganisationId, null))
            .Select(r => new ReferralView(r.OrganisationId, Name(r.OrganisationId, null), r.Status, r.DueDate,
                r.Status == ReferralStatus.Pending && r.DueDate < today,
                r.Status == ReferralStatus.Answered || isKansli ? r.Response : null,
                r.Status == ReferralStatus.Pending && actor.Organisations.Contains(r.OrganisationId) && c.State == CaseState.RemitteradTillPart))
            .ToList();

        string WhoDid(CaseEvent e)
        {
            if (e.ActorUserId == user.UserId) return "Du";
            var known = Enum.TryParse<CaseActor>(e.ActorRole, out var a) && Enum.IsDefined(a);
            // The reporter is never named to anyone but the kansli, who also see the role of anyone outside it.
            if (isKansli && people.TryGetValue(e.ActorUserId, out var name))
                return known && a == CaseActor.Kansli ? name : $"{name} ({(known ? a.DisplayName() : e.ActorRole).ToLowerInvariant()})";
            return known ? Subject(a) : e.ActorRole;
        }

        var view = new View(c, actor, permitted,
            found.FirstOrDefault(n => n.Kind == NameKind.Category)?.Name,
            c.Parties.Select(p => Name(p.OrganisationId, p.OtherActorName)).ToList(),
            c.RuleConflicts.OrderBy(r => r.Position)
                .Select(r => new RuleConflictView(Name(r.PartyAOrganisationId, r.PartyAName), r.RequirementA, r.RuleA,
                    Name(r.PartyBOrganisationId, r.PartyBName), r.RequirementB, r.RuleB)).ToList(),
            c.HandoverFromOrganisationId is null ? null : Name(c.HandoverFromOrganisationId, null),
            c.HandoverToOrganisationId is null ? null : Name(c.HandoverToOrganisationId, null),
            events.Select(e => new TimelineRow(e.At, WhoDid(e), CaseEdits.TimelineLabel(e), e.Comment)).ToList(),
            referrals,
            isKansli ? people.GetValueOrDefault(c.ReporterUserId) : null,
            isKansli ? Name(c.ReporterOrganisationId, null) : null,
            isKansli && c.HandlerUserId is not null ? people.GetValueOrDefault(c.HandlerUserId) : null,
            [], [], null)
        {
            NameConfirmations = found.Where(n => n.Kind == NameKind.ConfirmedNotPerson).OrderBy(n => n.OrganisationId)
                .Select(n => n.Name).Distinct(StringComparer.InvariantCultureIgnoreCase).ToList(),
        };

        var withCategories = everyList || view.OffersCorrection;
        if (isKansli && (withCategories || view.OffersReferral))
        {
            var (partners, categories) = await OptionsAsync(db, c.ForbundId, c.CategoryId, withCategories, ct);
            view = view with { Partners = partners, Categories = categories };
        }
        if (view.OffersReferral) view = view with { ResponseDue = await agendas.DefaultResponseDueAsync(c.ForbundId, ct) };
        return view;
    }

    /// <summary>The förbund's partners, each with whether it has an active BUG member, and its categories when asked: one statement.</summary>
    public static async Task<(IReadOnlyList<Option> Partners, IReadOnlyList<Option> Categories)> OptionsAsync(LexHellerDb db, int forbundId,
        int? currentCategoryId, bool withCategories, CancellationToken ct = default)
    {
        var options = db.ForbundMembers.Where(m => m.ForbundId == forbundId)
            .Select(m => new
            {
                IsCategory = false, Id = m.OrganisationId, m.Organisation.Name, SortOrder = 0,
                HasBugMember = db.Memberships.Any(b => b.ForbundId == forbundId && b.IsActive && b.Role == MembershipRole.BugLedamot
                    && b.Organisations.Any(o => o.OrganisationId == m.OrganisationId)),
            });
        if (withCategories)
            options = options.Concat(db.Categories.Where(k => k.ForbundId == forbundId && (k.IsActive || k.Id == currentCategoryId))
                .Select(k => new { IsCategory = true, k.Id, k.Name, k.SortOrder, HasBugMember = true }));
        var found = await options.ToListAsync(ct);
        var partners = found.Where(o => !o.IsCategory).OrderBy(o => o.Name, SwedishOrder)
            .Select(o => new Option(o.Id, o.Name, o.HasBugMember)).ToList();
        var categories = found.Where(o => o.IsCategory).OrderBy(o => o.SortOrder).ThenBy(o => o.Id)
            .Select(o => new Option(o.Id, o.Name, true)).ToList();
        return (partners, categories);
    }
}
