using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.PersonalData;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Cases;

/// <summary>
/// The case page for everyone who may open the case, each at the level their role allows, with the buttons the
/// workflow permits them. The reporter's identity is shown to the kansli and the reporter only.
/// </summary>
public class DetailsModel(LexHellerDb db, TimeProvider clock, LexHeller.Core.Meetings.AgendaSweep agenda) : PageModel
{
    public sealed record TimelineRow(DateTimeOffset At, string Who, string What, string? Comment);
    public sealed record RuleConflictView(string PartyA, string RequirementA, string? RuleA, string PartyB, string RequirementB, string? RuleB);
    public sealed record ReferralView(int OrganisationId, string Organisation, ReferralStatus Status, DateOnly DueDate, bool Overdue, string? Response, bool MayAnswer);
    public sealed record Option(int Id, string Name, bool HasBugMember = true);

    public sealed class InputModel
    {
        [StringLength(CaseActions.NoteMax, ErrorMessage = "Högst {1} tecken.")] public string? Question { get; set; }
        [StringLength(CaseActions.AnswerMax, ErrorMessage = "Högst {1} tecken.")] public string? ReporterAnswer { get; set; }
        [StringLength(CaseActions.NoteMax, ErrorMessage = "Högst {1} tecken.")] public string? Note { get; set; }
        [StringLength(CaseActions.NoteMax, ErrorMessage = "Högst {1} tecken.")] public string? Reason { get; set; }
        [StringLength(CaseActions.NoteMax, ErrorMessage = "Högst {1} tecken.")] public string? WhereToTurn { get; set; }
        public List<int> ReferTo { get; set; } = [];
        public DateOnly? DueDate { get; set; }
        public CaseOutcome? Outcome { get; set; }
        [StringLength(CaseActions.AnswerMax, ErrorMessage = "Högst {1} tecken.")] public string? Summary { get; set; }
        [StringLength(CaseActions.AnswerMax, ErrorMessage = "Högst {1} tecken.")] public string? Answer { get; set; }
        public bool Publish { get; set; } = true;
        public bool ConfirmWithdraw { get; set; }
        public int? CategoryId { get; set; }
        public List<int> PartyIds { get; set; } = [];
        [StringLength(500, ErrorMessage = "Högst {1} tecken.")] public string? RedactPassage { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }

    public Case Case { get; private set; } = null!;
    public MemberContext Member { get; private set; } = null!;
    public CaseActorContext Actor { get; private set; } = null!;
    public bool IsReporter => Case.ReporterUserId == Member.UserId;
    public bool IsKansli => Actor.Actors.Contains(CaseActor.Kansli);
    public bool IsBug => Actor.Actors.Contains(CaseActor.BugMember);
    public IReadOnlyList<CaseTrigger> Permitted { get; private set; } = [];
    public string? FailedAction { get; private set; }

    public string? Category { get; private set; }
    public IReadOnlyList<string> Parties { get; private set; } = [];
    public IReadOnlyList<RuleConflictView> RuleConflicts { get; private set; } = [];
    public string? HandoverFrom { get; private set; }
    public string? HandoverTo { get; private set; }
    public IReadOnlyList<TimelineRow> Timeline { get; private set; } = [];
    public IReadOnlyList<ReferralView> Referrals { get; private set; } = [];
    public string? ReporterName { get; private set; }
    public string? ReporterOrganisation { get; private set; }
    public string? HandlerName { get; private set; }
    public IReadOnlyList<Option> Partners { get; private set; } = [];
    public IReadOnlyList<Option> Categories { get; private set; } = [];
    public DateOnly Today => Stockholm.Today(clock.GetUtcNow());

    /// <summary>The kansli's form for correcting category and parties, which lists the categories and partners.</summary>
    public bool OffersCorrection => IsKansli && Case.State is CaseState.UnderGranskning or CaseState.KompletteringBegard;

    /// <summary>The referral form, which lists the partners and proposes a due date.</summary>
    public bool OffersReferral => Permitted.Contains(CaseTrigger.Refer);

    private static readonly StringComparer SwedishOrder = StringComparer.Create(Stockholm.Culture, false);
    private enum NameKind { Organisation, Category, Person }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id, forUpdate: false)) return NotFound();
        if (OffersReferral) Input.DueDate = await agenda.DefaultResponseDueAsync(Case.ForbundId);
        Input.CategoryId = Case.CategoryId;
        Input.PartyIds = Case.Parties.Where(p => p.OrganisationId is not null).Select(p => p.OrganisationId!.Value).ToList();
        return Page();
    }

    /// <summary>Fires one workflow trigger, or one of the kansli's edits, on the version of the case the user saw.</summary>
    public async Task<IActionResult> OnPostAsync(int id, string? action)
    {
        if (!await LoadAsync(id, forUpdate: true)) return NotFound();
        FailedAction = action;
        if (Version != Case.Version)
        {
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, "Ärendet har ändrats av någon annan. Här är det som det ser ut nu – gör om det du tänkt om det fortfarande behövs.");
            return Page();
        }
        GuardTexts();
        if (!ModelState.IsValid) return Page();

        var now = clock.GetUtcNow();
        var today = Today;
        FireResult result;
        string? audit = null;
        switch (action)
        {
            case "Correct":
                var allowed = Partners.Select(p => p.Id).ToHashSet();
                if (Input.CategoryId is { } cat && Categories.All(c => c.Id != cat)) { ModelState.AddModelError("Input.CategoryId", "Välj en kategori ur listan."); return Page(); }
                if (Input.PartyIds.Any(p => !allowed.Contains(p))) { ModelState.AddModelError("Input.PartyIds", "Välj bland förbundets parter."); return Page(); }
                var others = Case.Parties.Where(p => p.OrganisationId is null || !allowed.Contains(p.OrganisationId.Value))
                    .Select(p => new PartyRef(p.OrganisationId, p.OtherActorName));
                result = CaseActions.Correct(Case, Actor, Input.CategoryId, Input.PartyIds.Distinct().Select(p => new PartyRef(p, null)).Concat(others).ToList(), now);
                break;
            case "Redact":
                result = CaseActions.Redact(Case, Actor, Input.RedactPassage, now);
                audit = AuditActions.CaseRedacted;
                break;
            case "Publish":
            case "Unpublish":
                result = CaseActions.SetPublication(Case, Actor, action == "Publish", now);
                audit = action == "Publish" ? AuditActions.CasePublished : AuditActions.CaseUnpublished;
                break;
            default:
                if (!TryTrigger(action, out var trigger))
                {
                    ModelState.AddModelError(string.Empty, "Okänd åtgärd.");
                    return Page();
                }
                result = await FireAsync(trigger, today, now);
                break;
        }
        if (!result.Fired)
        {
            ModelState.AddModelError(string.Empty, result.Refusal!);
            return Page();
        }
        if (audit is not null)
            db.AuditEntries.Add(new AuditEntry(now, Member.UserId, Case.ForbundId, audit, Case.Reference ?? Case.Id.ToString(), null,
                audit == AuditActions.CaseRedacted ? "Text struken" : null));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Status"] = "Ärendet har ändrats av någon annan. Här är det som det ser ut nu – gör om det du tänkt om det fortfarande behövs.";
            return Redirect($"/arenden/{id}");
        }
        if (action == "Redact") await CaseSearch.PurgeRemovedTextAsync(db);
        if (TryTrigger(action, out var fired))
        {
            // What the BUG decided is kept on the meeting's agenda; a case that is ready again goes on the next one.
            if (fired is CaseTrigger.Conclude or CaseTrigger.Refer or CaseTrigger.Postpone) await agenda.RecordDecisionAsync(Case.Id, fired);
            if (Case.State == CaseState.RedoForBug) await agenda.PlaceReadyCasesAsync(Case.ForbundId);
        }
        TempData["Status"] = action switch
        {
            "Correct" => "Kategori och parter är rättade.",
            "Redact" => "Texten är struken.",
            "Publish" => "Svaret är publicerat.",
            "Unpublish" => "Publiceringen är återkallad.",
            _ => $"Klart: {Enum.Parse<CaseTrigger>(action!).ActionName()}. Ärendet har nu status ”{Case.State.DisplayName()}”.",
        };
        return Redirect($"/arenden/{id}");
    }

    /// <summary>A trigger by its name only: Enum.TryParse would also take "99" or "Take, Reject", which name no trigger.</summary>
    private static bool TryTrigger(string? action, out CaseTrigger trigger)
    {
        trigger = default;
        return action is not null && Enum.GetNames<CaseTrigger>().Contains(action) && Enum.TryParse(action, out trigger);
    }

    private async Task<FireResult> FireAsync(CaseTrigger trigger, DateOnly today, DateTimeOffset now)
    {
        switch (trigger)
        {
            case CaseTrigger.Withdraw:
                if (!Input.ConfirmWithdraw)
                {
                    ModelState.AddModelError("Input.ConfirmWithdraw", "Kryssa i rutan för att bekräfta att du vill återkalla rapporten.");
                    return new FireResult(false, "Rapporten är inte återkallad.");
                }
                return CaseActions.Withdraw(Case, Actor, now);
            case CaseTrigger.Take: return CaseActions.Take(Case, Actor, now);
            case CaseTrigger.AskReporter: return CaseActions.AskReporter(Case, Actor, Input.Question, now);
            case CaseTrigger.ReporterAnswers: return CaseActions.ReporterAnswers(Case, Actor, Input.ReporterAnswer, now);
            case CaseTrigger.ResumeScreening: return CaseActions.ResumeScreening(Case, Actor, Input.Note, now);
            case CaseTrigger.Reject: return CaseActions.Reject(Case, Actor, Input.Reason, Input.WhereToTurn, now);
            case CaseTrigger.MarkReady: return CaseActions.MarkReady(Case, Actor, now);
            case CaseTrigger.StartReview: return CaseActions.StartReview(Case, Actor, now);
            case CaseTrigger.Postpone: return CaseActions.Postpone(Case, Actor, Input.Reason, now);
            case CaseTrigger.Refer:
                var withMember = Partners.Where(p => p.HasBugMember).Select(p => p.Id).ToList();
                var known = Partners.Select(p => p.Id).ToHashSet();
                if (Input.ReferTo.Any(o => !known.Contains(o))) return new FireResult(false, "Välj bland förbundets parter.");
                return CaseActions.Refer(Case, Actor, Input.ReferTo.Distinct().ToList(), Input.DueDate, today, withMember, now);
            case CaseTrigger.CloseReferral: return CaseActions.CloseReferral(Case, Actor, Input.Note, now);
            case CaseTrigger.BackToBug: return CaseActions.BackToBug(Case, Actor, now);
            case CaseTrigger.Conclude: return CaseActions.Conclude(Case, Actor, Input.Outcome, Input.Summary, Input.Answer, Input.Publish, now);
            case CaseTrigger.Reopen: return CaseActions.Reopen(Case, Actor, Input.Reason, now);
            default:
                // Submitting and party answers have pages of their own.
                return Permitted.Contains(trigger) ? new FireResult(false, $"”{trigger.ActionName()}” görs på en annan sida.") : CaseWorkflow.Explain(Case, trigger);
        }
    }

    /// <summary>Every text written here passes the personal-data guard; the hit is shown next to its field.</summary>
    private void GuardTexts()
    {
        var texts = new (string Key, string? Text)[]
        {
            ("Input.Question", Input.Question), ("Input.ReporterAnswer", Input.ReporterAnswer), ("Input.Note", Input.Note),
            ("Input.Reason", Input.Reason), ("Input.WhereToTurn", Input.WhereToTurn), ("Input.Summary", Input.Summary), ("Input.Answer", Input.Answer),
        };
        foreach (var (key, text) in texts)
            foreach (var hit in PersonalDataGuard.Scan(text))
                ModelState.AddModelError(key, hit.Message);
    }

    /// <summary>
    /// Loads what the page shows in few statements: the case with its small collections, the timeline, every name
    /// it mentions, and the lists of a form only when that form is shown. Only a POST changes the case, so only a
    /// POST tracks it.
    /// </summary>
    private async Task<bool> LoadAsync(int id, bool forUpdate)
    {
        Member = HttpContext.Member()!;
        // Parties, rule conflicts, questions and referrals are a handful of rows each, so one joined statement
        // beats one statement per collection; the timeline grows with every step and comes on its own.
        var c = await (forUpdate ? db.Cases.AsTracking() : db.Cases.AsNoTracking())
            .Include(x => x.Parties).Include(x => x.RuleConflicts).Include(x => x.Questions).Include(x => x.Referrals)
            .AsSingleQuery()
            .FirstOrDefaultAsync(x => x.Id == id);
        if (c is null || !Member.CanView(c)) return false;
        // Tracked (a POST), the events also fill the case's own list, so the workflow appends to the whole timeline.
        var events = await (forUpdate ? db.CaseEvents.AsTracking() : db.CaseEvents.AsNoTracking())
            .Where(e => e.CaseId == id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync();
        Case = c;
        Actor = Member.ActorFor(c);
        Permitted = CaseWorkflow.Permitted(c, Actor.Actors);
        if (Version == 0) Version = c.Version;

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
        if (IsKansli)
            names = names.Concat(db.Users.Where(u => userIds.Contains(u.Id))
                .Select(u => new { Kind = NameKind.Person, OrganisationId = (int?)null, UserId = (string?)u.Id, Name = u.FullName }));
        var found = await names.ToListAsync();
        var organisations = found.Where(n => n.Kind == NameKind.Organisation).ToDictionary(n => n.OrganisationId!.Value, n => n.Name);
        var people = found.Where(n => n.Kind == NameKind.Person).ToDictionary(n => n.UserId!, n => n.Name);
        string Name(int? orgId, string? other) => orgId is { } i ? organisations.GetValueOrDefault(i, "?") : other ?? "–";

        Category = found.FirstOrDefault(n => n.Kind == NameKind.Category)?.Name;
        Parties = c.Parties.Select(p => Name(p.OrganisationId, p.OtherActorName)).ToList();
        RuleConflicts = c.RuleConflicts.OrderBy(r => r.Position)
            .Select(r => new RuleConflictView(Name(r.PartyAOrganisationId, r.PartyAName), r.RequirementA, r.RuleA,
                Name(r.PartyBOrganisationId, r.PartyBName), r.RequirementB, r.RuleB)).ToList();
        HandoverFrom = c.HandoverFromOrganisationId is null ? null : Name(c.HandoverFromOrganisationId, null);
        HandoverTo = c.HandoverToOrganisationId is null ? null : Name(c.HandoverToOrganisationId, null);

        var today = Today;
        Referrals = c.CurrentReferrals.OrderBy(r => Name(r.OrganisationId, null))
            .Select(r => new ReferralView(r.OrganisationId, Name(r.OrganisationId, null), r.Status, r.DueDate,
                r.Status == ReferralStatus.Pending && r.DueDate < today,
                r.Status == ReferralStatus.Answered || IsKansli ? r.Response : null,
                r.Status == ReferralStatus.Pending && Actor.Organisations.Contains(r.OrganisationId) && c.State == CaseState.RemitteradTillPart))
            .ToList();

        if (IsKansli)
        {
            ReporterName = people.GetValueOrDefault(c.ReporterUserId);
            ReporterOrganisation = Name(c.ReporterOrganisationId, null);
            HandlerName = c.HandlerUserId is null ? null : people.GetValueOrDefault(c.HandlerUserId);
        }
        Timeline = events.Select(e => new TimelineRow(e.At, WhoDid(e, people), WhatHappened(e), e.Comment)).ToList();

        // A POST checks its choices against these lists whichever form it came from.
        var withCategories = forUpdate || OffersCorrection;
        if (IsKansli && (withCategories || OffersReferral)) await LoadOptionsAsync(c, withCategories);
        return true;
    }

    /// <summary>The förbund's partners, each with whether it has an active BUG member, and its categories when asked.</summary>
    private async Task LoadOptionsAsync(Case c, bool withCategories)
    {
        var forbundId = c.ForbundId;
        var options = db.ForbundMembers.Where(m => m.ForbundId == forbundId)
            .Select(m => new
            {
                IsCategory = false, Id = m.OrganisationId, m.Organisation.Name, SortOrder = 0,
                HasBugMember = db.Memberships.Any(b => b.ForbundId == forbundId && b.IsActive && b.Role == MembershipRole.BugLedamot
                    && b.Organisations.Any(o => o.OrganisationId == m.OrganisationId)),
            });
        if (withCategories)
            options = options.Concat(db.Categories.Where(k => k.ForbundId == forbundId && (k.IsActive || k.Id == c.CategoryId))
                .Select(k => new { IsCategory = true, k.Id, k.Name, k.SortOrder, HasBugMember = true }));
        var found = await options.ToListAsync();
        Partners = found.Where(o => !o.IsCategory).OrderBy(o => o.Name, SwedishOrder)
            .Select(o => new Option(o.Id, o.Name, o.HasBugMember)).ToList();
        Categories = found.Where(o => o.IsCategory).OrderBy(o => o.SortOrder).ThenBy(o => o.Id)
            .Select(o => new Option(o.Id, o.Name, true)).ToList();
    }

    private string WhoDid(CaseEvent e, IReadOnlyDictionary<string, string> people)
    {
        if (e.ActorUserId == Member.UserId) return "Du";
        var role = Enum.TryParse<CaseActor>(e.ActorRole, out var a) ? a.DisplayName() : e.ActorRole;
        // The reporter is never named to anyone but the kansli.
        return IsKansli && people.TryGetValue(e.ActorUserId, out var name) ? $"{name} ({role.ToLowerInvariant()})" : role;
    }

    private static string WhatHappened(CaseEvent e) => e.Action switch
    {
        "Corrected" => "Rättade kategori och parter",
        "Redacted" => "Strök text",
        "Reassigned" => "Fördelade ärendet",
        "Published" => "Publicerade svaret",
        "ResponseSaved" => "Sparade ett utkast till partssvar",
        "Unpublished" => "Återkallade publiceringen",
        _ when Enum.TryParse<CaseTrigger>(e.Action, out var t) => e.FromState == e.ToState ? t.ActionName() : $"{t.ActionName()} – {e.ToState.DisplayName()}",
        _ => e.Action,
    };
}
