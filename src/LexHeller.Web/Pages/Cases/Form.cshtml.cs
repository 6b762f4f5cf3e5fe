using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Organisations;
using LexHeller.Core.PersonalData;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Cases;

/// <summary>"Ny rapport" and editing a draft: one form for both case kinds; save as draft or submit.</summary>
[Authorize(Policy = Policies.Rapportor)]
public class FormModel(TimeProvider clock, CaseCommands commands, ReferenceCache register) : PageModel
{
    public const int RuleConflictSlots = 2;

    public sealed class RuleConflictInput
    {
        public int? PartyA { get; set; }
        [StringLength(CaseContent.RequirementMax, ErrorMessage = "Högst {1} tecken.")]
        public string? RequirementA { get; set; }
        [StringLength(CaseContent.RuleMax, ErrorMessage = "Högst {1} tecken.")]
        public string? RuleA { get; set; }
        public int? PartyB { get; set; }
        [StringLength(CaseContent.RequirementMax, ErrorMessage = "Högst {1} tecken.")]
        public string? RequirementB { get; set; }
        [StringLength(CaseContent.RuleMax, ErrorMessage = "Högst {1} tecken.")]
        public string? RuleB { get; set; }

        public bool IsEmpty => PartyA is null && PartyB is null && string.IsNullOrWhiteSpace(RequirementA)
            && string.IsNullOrWhiteSpace(RequirementB) && string.IsNullOrWhiteSpace(RuleA) && string.IsNullOrWhiteSpace(RuleB);
    }

    public sealed class InputModel
    {
        public Guid FormKey { get; set; }

        [Display(Name = "Datum för händelsen")]
        public DateOnly? EventDate { get; set; }

        [Display(Name = "Berörda parter")]
        public List<int> PartyIds { get; set; } = [];

        [StringLength(CaseContent.OtherActorMax, ErrorMessage = "Högst {1} tecken.")]
        [Display(Name = "Annan aktör")]
        public string? OtherActor { get; set; }

        [Display(Name = "Kategori")]
        public int? CategoryId { get; set; }

        [StringLength(CaseContent.WhatHappenedMax, ErrorMessage = "Högst {1} tecken – korta texten.")]
        [Display(Name = "Vad hände?")]
        public string? WhatHappened { get; set; }

        [StringLength(CaseContent.ConsequencesMax, ErrorMessage = "Högst {1} tecken – korta texten.")]
        [Display(Name = "Vilka blev konsekvenserna för individen?")]
        public string? Consequences { get; set; }

        [StringLength(CaseContent.SuggestionMax, ErrorMessage = "Högst {1} tecken – korta texten.")]
        [Display(Name = "Förslag på förbättring")]
        public string? Suggestion { get; set; }

        [Display(Name = "Kön")]
        public Gender? Gender { get; set; }
        [Display(Name = "Åldersgrupp")]
        public AgeBand? AgeBand { get; set; }
        [Display(Name = "Löstes det lokalt")]
        public bool? SolvedLocally { get; set; }

        [Display(Name = "Från vilken part")]
        public int? HandoverFrom { get; set; }
        [Display(Name = "Till vilken part")]
        public int? HandoverTo { get; set; }
        [Display(Name = "Datum då den skickades")]
        public DateOnly? HandoverSentDate { get; set; }
        [Display(Name = "Togs den emot")]
        public bool? HandoverReceived { get; set; }

        [Range(0, 3650, ErrorMessage = "Ange ett antal dagar mellan 0 och 3 650.")]
        [Display(Name = "Antal dagar")]
        public int? DaysWaited { get; set; }

        public List<RuleConflictInput> RuleConflicts { get; set; } = [];
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "typ")] public string? KindText { get; set; }
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }

    public CaseKind? Kind { get; private set; }
    public string ForbundName { get; private set; } = "";
    public string OrganisationName { get; private set; } = "";
    public IReadOnlyList<NamedId> Partners { get; private set; } = [];
    public IReadOnlyList<NamedId> OtherActors { get; private set; } = [];
    public IReadOnlyList<NamedId> Categories { get; private set; } = [];
    public IEnumerable<NamedId> AllParties => Partners.Concat(OtherActors);
    public DateOnly Today => Stockholm.Today(clock.GetUtcNow());

    public static string KindSlug(CaseKind kind) => kind == CaseKind.Avvikelse ? "avvikelse" : "overlamning";

    private static CaseKind? ParseKind(string? text) => text switch
    {
        "avvikelse" => CaseKind.Avvikelse,
        "overlamning" => CaseKind.Overlamning,
        _ => null,
    };

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            var draft = await LoadOwnDraftAsync(id);
            if (draft is null) return NotFound();
            if (!draft.IsDraft) return Redirect($"/arenden/{id}");
            Kind = draft.Kind;
            Input = ToInput(draft);
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
        var reporter = member.Memberships.First(m => m.ForbundId == member.Current!.Id && m.Role == MembershipRole.Rapportor);
        await LoadOptionsAsync();
        var filing = new Filing(member.UserId, member.Current!.Id, member.Current.Code, reporter.OrganisationIds.First(), Id, Input.FormKey, ParseKind(KindText), submit);
        var result = await commands.FileAsync(filing, kind =>
        {
            Kind = kind;
            if (kind is not null) return Validate(kind.Value, submit);
            ModelState.AddModelError("Kind", "Välj om rapporten gäller en avvikelse eller en remiss/överlämning.");
            return null;
        }, HttpContext.RequestAborted);
        if (result.Refusal is not null) ModelState.AddModelError(string.Empty, result.Refusal);
        if (StatusMessage(result) is { } message) TempData["Status"] = message;
        return result.Status switch
        {
            FilingStatus.NotFound => NotFound(),
            FilingStatus.Refused => Page(),
            FilingStatus.AlreadySubmitted or FilingStatus.Submitted or FilingStatus.Saved => Redirect($"/arenden/{result.CaseId}"),
        };
    }

    private static string? StatusMessage(FilingResult result) => result.Status switch
    {
        FilingStatus.AlreadySubmitted => $"Rapporten är redan inskickad med referens {result.Reference}.",
        FilingStatus.Submitted => $"Tack! Rapporten är inskickad och har fått referensnumret {result.Reference}. Kansliet granskar den.",
        FilingStatus.Saved => "Utkastet är sparat. Du hittar det under Mina ärenden.",
        FilingStatus.NotFound or FilingStatus.Refused => null,
    };

    /// <summary>Checks the input; returns the content, or null with every problem next to its field.</summary>
    private CaseContent? Validate(CaseKind kind, bool submit)
    {
        var partnerIds = Partners.Select(o => o.Id).ToHashSet();
        var allowedParties = AllParties.Select(o => o.Id).ToHashSet();
        var today = Today;

        if (Input.EventDate is { } date && date > today)
            ModelState.AddModelError("Input.EventDate", "Datumet kan inte ligga i framtiden.");
        if (Input.PartyIds.Any(id => !allowedParties.Contains(id)))
            ModelState.AddModelError("Input.PartyIds", "Välj bland förbundets parter och de andra aktörerna i listan.");
        if (Input.CategoryId is { } cat && Categories.All(c => c.Id != cat))
            ModelState.AddModelError("Input.CategoryId", "Välj en kategori ur listan.");
        if (kind != CaseKind.Overlamning)
        {
            // The handover fields are not on a deviation's form; whatever was posted in them is ignored.
            foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Input.Handover", StringComparison.Ordinal) || k == "Input.DaysWaited").ToList())
                ModelState.Remove(key);
        }
        if (kind == CaseKind.Overlamning)
        {
            if (Input.HandoverFrom is { } f && !allowedParties.Contains(f))
                ModelState.AddModelError("Input.HandoverFrom", "Välj en part ur listan.");
            if (Input.HandoverTo is { } t && !allowedParties.Contains(t))
                ModelState.AddModelError("Input.HandoverTo", "Välj en part ur listan.");
            if (Input.HandoverSentDate is { } sent && sent > today)
                ModelState.AddModelError("Input.HandoverSentDate", "Datumet kan inte ligga i framtiden.");
        }

        var conflicts = new List<RuleConflictContent>();
        for (var i = 0; i < Input.RuleConflicts.Count && i < CaseContent.MaxRuleConflicts; i++)
        {
            var r = Input.RuleConflicts[i];
            if (r.IsEmpty) continue;
            var prefix = $"Input.RuleConflicts[{i}].";
            if (r.PartyA is null || !allowedParties.Contains(r.PartyA.Value)) ModelState.AddModelError(prefix + "PartyA", "Välj part A.");
            if (r.PartyB is null || !allowedParties.Contains(r.PartyB.Value)) ModelState.AddModelError(prefix + "PartyB", "Välj part B.");
            if (r.PartyA is not null && r.PartyA == r.PartyB) ModelState.AddModelError(prefix + "PartyB", "Part B ska vara en annan part än part A.");
            if (string.IsNullOrWhiteSpace(r.RequirementA)) ModelState.AddModelError(prefix + "RequirementA", "Beskriv vad part A kräver.");
            if (string.IsNullOrWhiteSpace(r.RequirementB)) ModelState.AddModelError(prefix + "RequirementB", "Beskriv vad part B kräver.");
            if (r.PartyA is not null && r.PartyB is not null && !string.IsNullOrWhiteSpace(r.RequirementA) && !string.IsNullOrWhiteSpace(r.RequirementB))
                conflicts.Add(new RuleConflictContent(new PartyRef(r.PartyA, null), r.RequirementA!, r.RuleA, new PartyRef(r.PartyB, null), r.RequirementB!, r.RuleB));
        }

        if (submit)
        {
            if (Input.EventDate is null) ModelState.AddModelError("Input.EventDate", "Ange datum för händelsen.");
            if (Input.PartyIds.Count == 0 && string.IsNullOrWhiteSpace(Input.OtherActor))
                ModelState.AddModelError("Input.PartyIds", "Välj minst en berörd part, eller skriv en annan aktör.");
            if (Input.CategoryId is null) ModelState.AddModelError("Input.CategoryId", "Välj en kategori.");
            if (string.IsNullOrWhiteSpace(Input.WhatHappened)) ModelState.AddModelError("Input.WhatHappened", "Beskriv vad som hände.");
            if (string.IsNullOrWhiteSpace(Input.Consequences)) ModelState.AddModelError("Input.Consequences", "Beskriv konsekvenserna för individen.");
            if (Input.Gender is null) ModelState.AddModelError("Input.Gender", "Välj ett alternativ (du kan välja ”Vill ej ange”).");
            if (Input.AgeBand is null) ModelState.AddModelError("Input.AgeBand", "Välj en åldersgrupp (du kan välja ”Okänd”).");
            if (Input.SolvedLocally is null) ModelState.AddModelError("Input.SolvedLocally", "Svara på om det löstes lokalt.");
            if (kind == CaseKind.Overlamning)
            {
                if (Input.HandoverFrom is null) ModelState.AddModelError("Input.HandoverFrom", "Välj från vilken part.");
                if (Input.HandoverTo is null) ModelState.AddModelError("Input.HandoverTo", "Välj till vilken part.");
                if (Input.HandoverFrom is not null && Input.HandoverFrom == Input.HandoverTo)
                    ModelState.AddModelError("Input.HandoverTo", "Mottagaren ska vara en annan part än avsändaren.");
                if (Input.HandoverSentDate is null) ModelState.AddModelError("Input.HandoverSentDate", "Ange när den skickades.");
                if (Input.HandoverReceived is null) ModelState.AddModelError("Input.HandoverReceived", "Svara på om den togs emot.");
            }
        }

        var parties = Input.PartyIds.Distinct().Select(id => new PartyRef(id, null)).ToList();
        if (!string.IsNullOrWhiteSpace(Input.OtherActor)) parties.Add(new PartyRef(null, Input.OtherActor.Trim()));
        var content = new CaseContent(Input.EventDate, Input.CategoryId, Input.WhatHappened, Input.Consequences, Input.Suggestion,
            Input.Gender, Input.AgeBand, Input.SolvedLocally, parties, conflicts,
            Input.HandoverFrom, Input.HandoverTo, Input.HandoverSentDate, Input.HandoverReceived, Input.DaysWaited);

        // The guard decides on the server, for drafts too: nothing identifying is ever stored.
        foreach (var (field, text) in content.FreeTexts())
            foreach (var hit in PersonalDataGuard.Scan(text))
                ModelState.AddModelError(FieldKey(field), hit.Message);

        return ModelState.IsValid ? content : null;
    }

    private static string FieldKey(string field) => field switch
    {
        "OtherActor" => "Input.OtherActor",
        _ => "Input." + field,
    };

    private Task<Case?> LoadOwnDraftAsync(int id)
    {
        var member = HttpContext.Member()!;
        return member.Current is null ? Task.FromResult<Case?>(null) : commands.OwnDraftAsync(member.UserId, member.Current.Id, id, HttpContext.RequestAborted);
    }

    private static InputModel ToInput(Case c)
    {
        var input = new InputModel
        {
            FormKey = c.FormKey,
            EventDate = c.EventDate,
            PartyIds = c.Parties.Where(p => p.OrganisationId is not null).Select(p => p.OrganisationId!.Value).ToList(),
            OtherActor = c.Parties.FirstOrDefault(p => p.OrganisationId is null)?.OtherActorName,
            CategoryId = c.CategoryId,
            WhatHappened = c.WhatHappened,
            Consequences = c.Consequences,
            Suggestion = c.Suggestion,
            Gender = c.Gender,
            AgeBand = c.AgeBand,
            SolvedLocally = c.SolvedLocally,
            HandoverFrom = c.HandoverFromOrganisationId,
            HandoverTo = c.HandoverToOrganisationId,
            HandoverSentDate = c.HandoverSentDate,
            HandoverReceived = c.HandoverReceived,
            DaysWaited = c.DaysWaited,
            RuleConflicts = c.RuleConflicts.OrderBy(r => r.Position).Select(r => new RuleConflictInput
            {
                PartyA = r.PartyAOrganisationId, RequirementA = r.RequirementA, RuleA = r.RuleA,
                PartyB = r.PartyBOrganisationId, RequirementB = r.RequirementB, RuleB = r.RuleB,
            }).ToList(),
        };
        return input;
    }

    /// <summary>The lists the form offers and checks against, from the in-memory register: no statement per request.</summary>
    private async Task LoadOptionsAsync()
    {
        var member = HttpContext.Member()!;
        var forbundId = member.Current!.Id;
        ForbundName = member.Current.Name;
        var orgId = member.Memberships.First(m => m.ForbundId == forbundId && m.Role == MembershipRole.Rapportor).OrganisationIds.FirstOrDefault();
        var ct = HttpContext.RequestAborted;
        OrganisationName = await register.OrganisationNameAsync(orgId, ct) ?? "";
        var forbund = await register.ForbundAsync(forbundId, ct);
        Partners = forbund?.Partners ?? [];
        Categories = forbund?.Categories ?? [];
        OtherActors = await register.OtherActorsAsync(ct);
        while (Input.RuleConflicts.Count < RuleConflictSlots) Input.RuleConflicts.Add(new RuleConflictInput());
    }
}
