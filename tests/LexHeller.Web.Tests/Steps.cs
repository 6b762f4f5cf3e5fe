using System.Text.RegularExpressions;
using LexHeller.Core.Identity;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Tests;

/// <summary>What a person does again and again in these tests, done through the pages.</summary>
public static partial class Steps
{
    public const string NewPassword = "Nytt-Losenord-77";

    public static Dictionary<string, string> Form(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value);

    public static int OrganisationId(this AppFactory app, string name) =>
        app.WithDb(db => db.Organisations.Single(o => o.Name == name).Id);

    public static int ForbundId(this AppFactory app, string code) =>
        app.WithDb(db => db.Forbund.Single(f => f.Code == code).Id);

    public static string UserId(this AppFactory app, string email) =>
        app.WithDb(db => db.Users.Single(u => u.NormalizedEmail == email.ToUpperInvariant()).Id);

    /// <summary>The user as a Core command sees them: their active roles per förbund, with the organisations each represents.</summary>
    public static Task<LexHeller.Core.Cases.CaseUser> CaseUserAsync(this AppFactory app, string email) => app.WithDbAsync(async db =>
    {
        var id = await db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.Id).SingleAsync();
        var roles = await db.Memberships.Where(m => m.UserId == id && m.IsActive && m.ForbundId != null)
            .Select(m => new { m.ForbundId, m.Role, Organisations = m.Organisations.Select(o => o.OrganisationId).ToList() }).ToListAsync();
        return new LexHeller.Core.Cases.CaseUser(id, roles.Select(r => new LexHeller.Core.Cases.CaseUser.Role(r.ForbundId!.Value, r.Role, r.Organisations)).ToList());
    });

    /// <summary>Fills in "Bjud in användare" as the logged-in user and returns the page reached.</summary>
    public static async Task<Browserless.Page> InviteAsync(this Browserless browser, string email, string name, MembershipRole role,
        IEnumerable<int>? organisationIds = null, int? forbundId = null)
    {
        var page = await browser.GetAsync("/anvandare/ny" + (forbundId is null ? "" : $"?forbundId={forbundId}"));
        var fields = Form(("Input.FullName", name), ("Input.Email", email), ("Input.Role", role.ToString()));
        var orgs = organisationIds?.ToList() ?? [];
        if (orgs.Count > 0) fields["Input.OrganisationIds"] = string.Join('\u001f', orgs);
        return await browser.SubmitAsync(page, fields, "main form[method=post]");
    }

    /// <summary>The link in the newest invitation mail to this address.</summary>
    public static string InvitationLink(this AppFactory app, string email) => LinkIn(app, email, "/inbjudan");

    public static string LinkIn(this AppFactory app, string email, string path)
    {
        var body = app.WithDb(db => db.Outbox.Where(m => m.To == email).OrderByDescending(m => m.Id).Select(m => m.TextBody).First());
        var match = Regex.Match(body, $@"https?://[^\s]+({Regex.Escape(path)}\?[^\s]+)");
        Assert.True(match.Success, $"no link to {path} in: {body}");
        return match.Groups[1].Value;
    }

    /// <summary>Follows the invitation link and chooses a password.</summary>
    public static async Task<Browserless.Page> AcceptInvitationAsync(this Browserless browser, string link, string password = NewPassword)
    {
        var page = await browser.GetAsync(link);
        return await browser.SubmitAsync(page, Form(("Password", password), ("ConfirmPassword", password)));
    }

    public static Task<bool> IsLockedOutAsync(this AppFactory app, string email) =>
        app.WithDbAsync(db => db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant())
            .Select(u => u.LockoutEnd != null && u.LockoutEnd > DateTimeOffset.UtcNow).SingleAsync());

    public static string ErrorText(this Browserless.Page page) =>
        string.Join(" | ", page.Document.QuerySelectorAll(".error-summary, .field-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
}
