using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Inloggning;

/// <summary>What "Ny leverantör" and a provider's own page share: the fields, the förbund to choose, the save.</summary>
public abstract class ProviderFormModel(LexHellerDb db, IdentityProviderCommands commands, OidcSchemes schemes) : PageModel
{
    public sealed record Choice(int Id, string Name);

    public sealed class InputModel
    {
        public string? DisplayName { get; set; }
        public string? Authority { get; set; }
        public string? ClientId { get; set; }
        /// <summary>Never shown again once posted: the page renders the field empty.</summary>
        public string? Secret { get; set; }
        public string? Scopes { get; set; } = IdentityProvider.DefaultScopes;
        public string? SubjectClaim { get; set; } = IdentityProvider.DefaultSubjectClaim;
        public string? EmailClaim { get; set; } = IdentityProvider.DefaultEmailClaim;
        public string? StrongAcrValues { get; set; }
        public List<int> ForbundIds { get; set; } = [];
        public bool Enabled { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    public IReadOnlyList<Choice> ForbundChoices { get; private set; } = [];

    /// <summary>Whether the form edits a stored provider (its secret may then be left empty).</summary>
    public abstract bool IsNew { get; }

    protected LexHellerDb Db => db;

    protected async Task LoadChoicesAsync() =>
        ForbundChoices = (await db.Forbund.AsNoTracking().Select(f => new Choice(f.Id, f.Name)).ToListAsync())
            .OrderBy(f => f.Name, Stockholm.Comparer).ToList();

    /// <summary>One save through the command; back to the list when done, else the form with each fault by its field.</summary>
    protected async Task<IActionResult> SaveAsync(int? id)
    {
        // A field that did not bind (a förbund id that is no number) is shown, not saved half-read.
        if (!ModelState.IsValid)
        {
            Input.Secret = null;
            await LoadChoicesAsync();
            return Page();
        }
        var form = new IdentityProviderCommands.Form(Input.DisplayName, Input.Authority, Input.ClientId, Input.Secret, Input.Scopes,
            Input.SubjectClaim, Input.EmailClaim, Input.StrongAcrValues, Input.ForbundIds, Input.Enabled);
        var (result, saved) = await commands.SaveAsync(id, form, HttpContext.Member()!.UserId, HttpContext.RequestAborted);
        if (result.Status == CommandStatus.Done)
        {
            await schemes.RefreshAsync(saved!.Value);
            TempData["Status"] = result.Message;
            return Redirect("/inloggning/leverantorer");
        }
        return result.Status switch
        {
            CommandStatus.NotFound => NotFound(),
            CommandStatus.Done or CommandStatus.Refused or CommandStatus.Conflict => await RefusedAsync(result),
        };
    }

    private async Task<PageResult> RefusedAsync(CommandResult result)
    {
        ModelState.AddRefusal("Input", result);
        Input.Secret = null;
        await LoadChoicesAsync();
        return Page();
    }
}
