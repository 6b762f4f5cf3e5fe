using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Organisations;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.Cases;

/// <summary>"Ny rapport" and editing a draft: one form for both case kinds; save as draft or submit.</summary>
[Authorize(Policy = Policies.Rapportor)]
public class FormModel(TimeProvider clock, CaseCommands commands, ReferenceCache register, LexHellerDb db) : PageModel
{
    public const int RuleConflictSlots = 2;

    public sealed class RuleConflictInput
    {
        public int? PartyA { get; set; }
        [StringLength(CaseContent.RequirementMax, ErrorMessage = "Högst {1} tecken.")] public string? RequirementA { get; set; }
        [StringLength(CaseContent.RuleMax, ErrorMessage = "Högst {1} tecken.")] public string? RuleA { get; set; }
        public int? PartyB { get; set; }
        [StringLength(CaseContent.RequirementMax, ErrorMessage = "Högst {1} tecken.")] public string? RequirementB { get; set; }
        [StringLength(CaseContent.RuleMax, ErrorMessage = "Högst {1} tecken.")] public string? RuleB { get; set; }

        public RuleConflictForm ToForm() => new(PartyA, RequirementA, RuleA, PartyB, RequirementB, RuleB);

        public static RuleConflictInput From(RuleConflictForm r) => new()
        {
            PartyA = r.PartyA, RequirementA = r.RequirementA, RuleA = r.RuleA, PartyB = r.PartyB, RequirementB = r.RequirementB, RuleB = r.RuleB,
        };
    }

    public sealed class InputModel
    {
        public Guid FormKey { get; set; }
        [Display(Name = "Datum för händelsen")] public DateOnly? EventDate { get; set; }
        [Display(Name = "Berörda parter")] public List<int> PartyIds { get; set; } = [];
        [StringLength(CaseContent.OtherActorMax, ErrorMessage = "Högst {1} tecken.")]
        [Display(Name = "Annan aktör")] public string? OtherActor { get; set; }
        [Display(Name = "Kategori")] public int? CategoryId { get; set; }
        [StringLength(CaseContent.WhatHappenedMax, ErrorMessage = "Högst {1} tecken – korta texten.")]
        [Display(Name = "Vad hände?")] public string? WhatHappened { get; set; }
        [StringLength(CaseContent.ConsequencesMax, ErrorMessage = "Högst {1} tecken – korta texten.")]
        [Display(Name = "Vilka blev konsekvenserna för individen?")] public string? Consequences { get; set; }
        [StringLength(CaseContent.SuggestionMax, ErrorMessage = "Högst {1} tecken – korta texten.")]
        [Display(Name = "Förslag på förbättring")] public string? Suggestion { get; set; }
        [Display(Name = "Kön")] public Gender? Gender { get; set; }
        [Display(Name = "Åldersgrupp")] public AgeBand? AgeBand { get; set; }
        [Display(Name = "Löstes det lokalt")] public bool? SolvedLocally { get; set; }
        [Display(Name = "Från vilken part")] public int? HandoverFrom { get; set; }
        [Display(Name = "Till vilken part")] public int? HandoverTo { get; set; }
        [Display(Name = "Datum då den skickades")] public DateOnly? HandoverSentDate { get; set; }
        [Display(Name = "Togs den emot")] public bool? HandoverReceived { get; set; }
        [Range(0, 3650, ErrorMessage = "Ange ett antal dagar mellan 0 och 3 650.")]
        [Display(Name = "Antal dagar")] public int? DaysWaited { get; set; }
        public List<RuleConflictInput> RuleConflicts { get; set; } = [];

        /// <summary>The ticked "not a person's name" boxes, each the field and the words it was shown (<see cref="NameCheck.Value"/>).</summary>
        public List<string> NamesConfirmed { get; set; } = [];

        public FilingForm ToForm() => new(EventDate, PartyIds, OtherActor, CategoryId, WhatHappened, Consequences, Suggestion,
            Gender, AgeBand, SolvedLocally, HandoverFrom, HandoverTo, HandoverSentDate, HandoverReceived, DaysWaited,
            RuleConflicts.Select(r => r.ToForm()).ToList(), NamesConfirmed.Select(NameCheck.Parse).OfType<NameCheck>().ToList());

        public static InputModel From(Guid formKey, FilingForm f) => new()
        {
            FormKey = formKey, EventDate = f.EventDate, PartyIds = f.PartyIds.ToList(), OtherActor = f.OtherActor, CategoryId = f.CategoryId,
            WhatHappened = f.WhatHappened, Consequences = f.Consequences, Suggestion = f.Suggestion,
            Gender = f.Gender, AgeBand = f.AgeBand, SolvedLocally = f.SolvedLocally,
            HandoverFrom = f.HandoverFrom, HandoverTo = f.HandoverTo, HandoverSentDate = f.HandoverSentDate,
            HandoverReceived = f.HandoverReceived, DaysWaited = f.DaysWaited,
            RuleConflicts = f.RuleConflicts.Select(RuleConflictInput.From).ToList(),
        };
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "typ")] public string? KindText { get; set; }
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }

    public CaseKind? Kind { get; private set; }
    public string ForbundName { get; private set; } = "";
    public string OrganisationName { get; private set; } = "";
    public FilingChoices Choices { get; private set; } = FilingChoices.None;

    /// <summary>Fields whose only hits are possible names: the form offers to confirm they name no person.</summary>
    public IReadOnlyList<NameCheck> NameChecks { get; private set; } = [];
    public DateOnly Today => Stockholm.Today(clock.GetUtcNow());

    public static string KindSlug(CaseKind kind) => kind == CaseKind.Avvikelse ? "avvikelse" : "overlamning";

    private static CaseKind? ParseKind(string? text) =>
        text switch { "avvikelse" => CaseKind.Avvikelse, "overlamning" => CaseKind.Overlamning, _ => null };

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            var member = HttpContext.Member()!;
            var draft = member.Current is null ? null : await commands.OwnDraftAsync(member.UserId, member.Current.Id, id, HttpContext.RequestAborted);
            if (draft is null) return NotFound();
            if (!draft.IsDraft) return Redirect($"/arenden/{id}");
            Kind = draft.Kind;
            Input = InputModel.From(draft.FormKey, FilingForm.Of(draft));
            // What the reporter confirmed when the draft was saved stays ticked, so saving it again keeps it.
            NameChecks = await CaseNameConfirmation.ChecksAsync(db, id, HttpContext.RequestAborted);
            Input.NamesConfirmed = NameChecks.Select(n => n.Value).ToList();
        }
        else
        {
            Kind = ParseKind(KindText);
            Input.FormKey = Guid.NewGuid();
        }
        await LoadOptionsAsync();
        return Page();
    }

    public Task<IActionResult> OnPostDraftAsync() => SaveAsync(submit: false);

    public Task<IActionResult> OnPostSubmitAsync() => SaveAsync(submit: true);

    private async Task<IActionResult> SaveAsync(bool submit)
    {
        var member = HttpContext.Member()!;
        await LoadOptionsAsync();
        var filing = new Filing(member.UserId, member.Current!.Id, member.Current.Code, ReporterOf(member).OrganisationIds.First(), Id, Input.FormKey, ParseKind(KindText), submit);
        var result = await commands.FileAsync(filing, kind =>
        {
            Kind = kind;
            if (kind is null)
            {
                ModelState.AddModelError("Kind", "Välj om rapporten gäller en avvikelse eller en remiss/överlämning.");
                return null;
            }
            if (kind != CaseKind.Overlamning)
                foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Input.", StringComparison.Ordinal) && CaseFiling.IsHandoverField(k[6..])).ToList())
                    ModelState.Remove(key);
            var check = CaseFiling.Check(Input.ToForm(), kind.Value, submit, Choices, Today);
            foreach (var error in check.Errors) ModelState.AddModelError("Input." + error.Field, error.Message);
            NameChecks = check.NameChecks;
            return ModelState.IsValid ? check.Content : null;
        }, HttpContext.RequestAborted);
        if (result.Refusal is not null) ModelState.AddModelError(string.Empty, result.Refusal);
        if (result.Message is { } message) TempData["Status"] = message;
        return result.Status switch
        {
            FilingStatus.NotFound => NotFound(),
            FilingStatus.Refused => Page(),
            FilingStatus.AlreadySubmitted or FilingStatus.Submitted or FilingStatus.Saved => Redirect($"/arenden/{result.CaseId}"),
        };
    }

    /// <summary>Whether the reporter ticked the box for exactly these words.</summary>
    public bool IsConfirmed(NameCheck check) =>
        Input.NamesConfirmed.Select(NameCheck.Parse).Any(check.CoveredBy);

    /// <summary>The error summary's links: to the inputs whose ids are not the ones asp-for would give.</summary>
    public ErrorSummary Summary
    {
        get
        {
            var ids = new Dictionary<string, string>
            {
                ["Kind"] = "typ-avvikelse",
                ["Input.Gender"] = $"gender-{Enum.GetValues<Gender>()[0]}",
                ["Input.HandoverReceived"] = "received-yes",
                ["Input.SolvedLocally"] = "local-yes",
            };
            if (Choices.Partners.Concat(Choices.OtherActors).FirstOrDefault() is { } first) ids["Input.PartyIds"] = $"party-{first.Id}";
            for (var i = 0; i < Input.RuleConflicts.Count; i++)
            {
                foreach (var (name, id) in new[] { ("PartyA", "pa"), ("RequirementA", "ra"), ("RuleA", "la"), ("PartyB", "pb"), ("RequirementB", "rb"), ("RuleB", "lb") })
                    ids[$"Input.RuleConflicts[{i}].{name}"] = $"rc-{i}-{id}";
            }
            string[] before = ["Kind", "EventDate", "PartyIds", "OtherActor", "CategoryId", "HandoverFrom", "HandoverTo", "HandoverSentDate",
                "HandoverReceived", "DaysWaited", "WhatHappened", "Consequences", "Suggestion"];
            var order = before.Select(f => f == "Kind" ? f : "Input." + f)
                .Concat(Enumerable.Range(0, Input.RuleConflicts.Count).SelectMany(i =>
                    new[] { "PartyA", "RequirementA", "RuleA", "PartyB", "RequirementB", "RuleB" }.Select(f => $"Input.RuleConflicts[{i}].{f}")))
                .Concat(["Input.Gender", "Input.AgeBand", "Input.SolvedLocally"])
                .ToList();
            return new ErrorSummary("Rapporten är inte sparad", ids, Order: order);
        }
    }

    private static MembershipView ReporterOf(MemberContext member) =>
        member.Memberships.First(m => m.ForbundId == member.Current!.Id && m.Role == MembershipRole.Rapportor);

    private async Task LoadOptionsAsync()
    {
        var member = HttpContext.Member()!;
        ForbundName = member.Current!.Name;
        var ct = HttpContext.RequestAborted;
        OrganisationName = await register.OrganisationNameAsync(ReporterOf(member).OrganisationIds.FirstOrDefault(), ct) ?? "";
        Choices = await FilingChoices.LoadAsync(register, member.Current.Id, ct);
        while (Input.RuleConflicts.Count < RuleConflictSlots) Input.RuleConflicts.Add(new RuleConflictInput());
    }
}
