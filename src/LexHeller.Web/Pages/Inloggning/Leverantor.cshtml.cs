using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LexHeller.Web.Pages.Inloggning;

/// <summary>The administrator changes an identity provider; the stored secret is kept unless a new one is typed.</summary>
[Authorize(Policy = Policies.Admin)]
public class LeverantorModel(LexHellerDb db, IdentityProviderCommands commands, OidcSchemes schemes, IOptions<PublicUrlOptions> publicUrl)
    : ProviderFormModel(db, commands, schemes)
{
    [FromRoute] public int Id { get; set; }

    public override bool IsNew => false;

    public string CurrentName { get; private set; } = "";

    public ProviderUrls Urls { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var provider = await Db.IdentityProviders.AsNoTracking().Include(p => p.Forbund).FirstOrDefaultAsync(p => p.Id == Id);
        if (provider is null) return NotFound();
        Input = new InputModel
        {
            DisplayName = provider.DisplayName, Authority = provider.Authority, ClientId = provider.ClientId,
            Scopes = provider.Scopes, SubjectClaim = provider.SubjectClaim, EmailClaim = provider.EmailClaim,
            StrongAcrValues = string.Join('\n', provider.StrongAcrValues),
            ForbundIds = provider.Forbund.Select(f => f.ForbundId).ToList(), Enabled = provider.Enabled,
        };
        await LoadAsync(provider.DisplayName);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var name = await Db.IdentityProviders.Where(p => p.Id == Id).Select(p => p.DisplayName).FirstOrDefaultAsync();
        if (name is null) return NotFound();
        await LoadAsync(name);
        return await SaveAsync(Id);
    }

    private async Task LoadAsync(string name)
    {
        CurrentName = name;
        Urls = ProviderUrls.For(Id, publicUrl.Value, Request);
        await LoadChoicesAsync();
    }
}

/// <summary>The addresses of Lex Heller a provider must be told when Lex Heller is registered there.</summary>
public sealed record ProviderUrls(string Callback, string PostLogout, string BackChannel)
{
    /// <summary>Under App:PublicUrl when it is set, else under the address this request came to.</summary>
    public static ProviderUrls For(int providerId, PublicUrlOptions options, Microsoft.AspNetCore.Http.HttpRequest request)
    {
        var root = string.IsNullOrWhiteSpace(options.PublicUrl) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : options.Base;
        var prefix = $"{root}/logga-in/extern/{providerId}";
        return new($"{prefix}/svar", $"{prefix}/utloggad", $"{prefix}/bakkanal");
    }
}
