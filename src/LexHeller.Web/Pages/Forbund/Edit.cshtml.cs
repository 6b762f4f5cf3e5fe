using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Organisations;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Forbund;

/// <summary>The administrator changes a förbund's name, code (until it has cases) and member organisations.</summary>
[Authorize(Policy = Policies.Admin)]
public class EditForbundModel(LexHellerDb db, TimeProvider clock) : ForbundFormModel(db)
{
    [FromRoute] public int Id { get; set; }

    public string CurrentName { get; private set; } = "";
    public int Cases { get; private set; }
    public int ActiveUsers { get; private set; }

    /// <summary>The switched-on identity providers enabled for the förbund: its people's way in without a password.</summary>
    public IReadOnlyList<string> Providers { get; private set; } = [];

    /// <summary>Set when the form turns passwords off and the administrator has not yet confirmed it.</summary>
    public bool AskPasswordConfirmation { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var forbund = await Db.Forbund.AsNoTracking().Include(f => f.Members).FirstOrDefaultAsync(f => f.Id == Id);
        if (forbund is null) return NotFound();
        Input = new InputModel
        {
            Name = forbund.Name, Code = forbund.Code, OrganisationIds = forbund.Members.Select(m => m.OrganisationId).ToList(),
            PasswordLoginAllowed = forbund.PasswordLoginAllowed,
        };
        await LoadAsync(forbund.Name);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var forbund = await Db.Forbund.Include(f => f.Members).FirstOrDefaultAsync(f => f.Id == Id);
        if (forbund is null) return NotFound();
        await LoadAsync(forbund.Name);
        await ValidateAsync(forbund.Id);
        var codeChanged = Input.Code != forbund.Code;
        if (codeChanged && CodeLocked && ModelState.GetFieldValidationState("Input.Code") != ModelValidationState.Invalid)
            ModelState.AddModelError("Input.Code", CodeLockedMessage);

        var before = forbund.Members.Select(m => m.OrganisationId).ToHashSet();
        var removed = before.Where(id => !Input.OrganisationIds.Contains(id)).ToList();
        var added = Input.OrganisationIds.Where(id => !before.Contains(id)).ToList();
        foreach (var why in await WhyNotRemoveAsync(removed))
            ModelState.AddModelError("Input.OrganisationIds", why);
        var admin = new ForbundAdmin(Db, clock);
        var turningOff = forbund.PasswordLoginAllowed && !Input.PasswordLoginAllowed;
        if (turningOff && Providers.Count == 0)
            ModelState.AddModelError("Input.PasswordLoginAllowed", ForbundAdmin.PasswordNeedsProviderMessage);
        if (!ModelState.IsValid) return Page();
        if (turningOff && !Input.ConfirmPasswordOff)
        {
            AskPasswordConfirmation = true;
            return Page();
        }

        switch (await admin.EditAsync(forbund, Input.Name, Input.Code, Input.OrganisationIds, Input.PasswordLoginAllowed, NameOf, HttpContext.Member()!.UserId))
        {
            case ForbundEdit.PasswordNeedsProvider:
                ModelState.AddModelError("Input.PasswordLoginAllowed", ForbundAdmin.PasswordNeedsProviderMessage);
                return Page();
            case ForbundEdit.Unchanged:
                TempData["Status"] = "Inget ändrades.";
                return Redirect($"/forbund/{forbund.Id}");
            case ForbundEdit.CodeTaken:
                ModelState.AddModelError("Input.Code", $"Koden {Input.Code} används redan av ett annat förbund.");
                return Page();
            case ForbundEdit.Saved:
                break;
        }
        TempData["Status"] = $"Ändringarna i {forbund.Name} sparades.";
        return Redirect($"/forbund/{forbund.Id}");
    }

    private async Task LoadAsync(string name)
    {
        CurrentName = name;
        await LoadRegisterAsync();
        // Reference numbers are given at submission; a draft carries no code yet.
        Cases = await Db.Cases.CountAsync(c => c.ForbundId == Id && c.Reference != null);
        CodeLocked = Cases > 0;
        ActiveUsers = await Db.Memberships.Where(m => m.ForbundId == Id && m.IsActive).Select(m => m.UserId).Distinct().CountAsync();
        Providers = (await Db.IdentityProviders.Where(p => p.Enabled && p.Forbund.Any(f => f.ForbundId == Id)).Select(p => p.DisplayName).ToListAsync())
            .Order(Stockholm.Comparer).ToList();
    }

    /// <summary>
    /// An organisation leaves a förbund only when nobody acts for it there any more and no referral to it is
    /// waiting: otherwise users would represent, and cases wait on, a party the förbund no longer has.
    /// </summary>
    private async Task<IReadOnlyList<string>> WhyNotRemoveAsync(IReadOnlyList<int> organisationIds)
    {
        if (organisationIds.Count == 0) return [];
        var representatives = await Db.Set<MembershipOrganisation>()
            .Where(o => organisationIds.Contains(o.OrganisationId))
            .Join(Db.Memberships.Where(m => m.ForbundId == Id && m.IsActive && (m.Role == MembershipRole.BugLedamot || m.Role == MembershipRole.Rapportor)),
                o => o.MembershipId, m => m.Id, (o, m) => new { o.OrganisationId, m.Role })
            .ToListAsync();
        var waiting = await Db.CaseReferrals
            .Where(r => organisationIds.Contains(r.OrganisationId) && r.Status == ReferralStatus.Pending
                && Db.Cases.Any(c => c.Id == r.CaseId && c.ForbundId == Id))
            .GroupBy(r => r.OrganisationId).Select(g => new { OrganisationId = g.Key, Count = g.Count() })
            .ToListAsync();

        var reasons = new List<string>();
        foreach (var id in organisationIds)
        {
            var bug = representatives.Count(r => r.OrganisationId == id && r.Role == MembershipRole.BugLedamot);
            var reporters = representatives.Count(r => r.OrganisationId == id && r.Role == MembershipRole.Rapportor);
            var referrals = waiting.FirstOrDefault(w => w.OrganisationId == id)?.Count ?? 0;
            var why = new List<string>();
            if (bug > 0) why.Add(bug == 1 ? "en aktiv BUG-ledamot företräder den" : $"{bug} aktiva BUG-ledamöter företräder den");
            if (reporters > 0) why.Add(reporters == 1 ? "en aktiv rapportör företräder den" : $"{reporters} aktiva rapportörer företräder den");
            if (referrals > 0) why.Add(referrals == 1 ? "en remiss till den väntar på svar" : $"{referrals} remisser till den väntar på svar");
            if (why.Count == 0) continue;
            var list = why.Count == 1 ? why[0] : string.Join(", ", why[..^1]) + " och " + why[^1];
            var todo = new List<string>();
            if (bug + reporters > 0) todo.Add("inaktivera rollerna under Användare");
            if (referrals > 0) todo.Add("låt remisserna besvaras eller avslutas");
            reasons.Add($"{NameOf(id)} kan inte tas bort ur förbundet: {list}. Först måste du {string.Join(" och ", todo)}.");
        }
        return reasons;
    }
}
