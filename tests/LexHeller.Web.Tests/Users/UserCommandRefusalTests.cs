using LexHeller.Core.Cases;
using LexHeller.Core.Identity;
using LexHeller.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Users;

/// <summary>
/// The refusals of the user commands that no page test reaches, asked of Core directly: each names its reason in
/// Swedish, on the field of the form it concerns, and writes nothing.
/// </summary>
public class UserCommandRefusalTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Insjoriket = "Samordningsförbundet Insjöriket";

    private KansliOrAdmin Kansli => new(app.UserId("kansli@insjoriket.example"), "Kansliet", false, app.ForbundId("INS"), Insjoriket);

    private KansliOrAdmin Admin => new(app.UserId("admin@lexheller.example"), "Administratören", true, null, null);

    private static string Link(string path) => "https://lexheller.example" + path;

    [Fact]
    public async Task An_invitation_names_every_problem_with_the_role_and_its_organisations_on_its_field()
    {
        var ins = app.ForbundId("INS");
        var partille = app.OrganisationId("Partille kommun");
        (MembershipRole Role, int[] Organisations, FieldError[] Expected)[] cases =
        [
            (MembershipRole.Rapportor, [app.OrganisationId("Luleå kommun")], [new("OrganisationIds", "Välj bland förbundets organisationer.")]),
            (MembershipRole.BugLedamot, [], [new("OrganisationIds", "Välj minst en organisation som BUG-ledamoten företräder.")]),
            (MembershipRole.Styrelse, [partille], [new("OrganisationIds", "Rollen Styrelse företräder ingen organisation.")]),
            (MembershipRole.Kansli, [partille], [new("Role", "Endast en administratör kan ge rollen Kansli."),
                new("OrganisationIds", "Rollen Kansli företräder ingen organisation.")]),
        ];
        foreach (var (role, organisations, expected) in cases)
        {
            var outcome = await UnchangedAsync(s => s.GetRequiredService<UserInvitations>().InviteAsync(Kansli, ins,
                new UserInvitations.Invitee("Ny Person", "ny.person@example.se", role, organisations), Link));
            Assert.Equal((CommandStatus.Refused, (string?)null, (string?)null), (outcome.Result.Status, outcome.Result.Message, outcome.UserId));
            Assert.Equal(expected, outcome.Result.FieldErrors);
        }
        Assert.False(app.WithDb(db => db.Users.Any(u => u.Email == "ny.person@example.se")));
    }

    [Fact]
    public async Task An_invitation_to_someone_who_holds_the_role_points_to_their_page_whether_the_role_is_active_or_not()
    {
        const string active = "styrelse@insjoriket.example";
        var invited = await UnchangedAsync(s => s.GetRequiredService<UserInvitations>().InviteAsync(Kansli, null,
            new UserInvitations.Invitee("Vem Som Helst", active, MembershipRole.Styrelse, []), Link));
        Assert.Equal([new FieldError("Email", $"{FullName(active)} har redan rollen Styrelse i förbundet.")], invited.Result.FieldErrors);

        const string inactive = "rapportor.kommun@insjoriket.example";
        var userId = app.UserId(inactive);
        var membershipId = app.WithDb(db => db.Memberships.Single(m => m.UserId == userId).Id);
        var organisationId = app.WithDb(db => db.Memberships.Where(m => m.Id == membershipId).SelectMany(m => m.Organisations).Single().OrganisationId);
        await app.WithScopeAsync(s => s.GetRequiredService<UserCommands>().SetActiveAsync(Kansli, userId, membershipId, active: false));
        var again = await UnchangedAsync(s => s.GetRequiredService<UserInvitations>().InviteAsync(Kansli, null,
            new UserInvitations.Invitee("Vem Som Helst", inactive, MembershipRole.Rapportor, [organisationId]), Link));
        Assert.Equal(CommandStatus.Refused, again.Result.Status);
        Assert.Equal([new FieldError("Email", $"{FullName(inactive)} har rollen men den är inaktiverad. Återaktivera den på användarens sida.")],
            again.Result.FieldErrors);
    }

    [Fact]
    public async Task A_kansli_cannot_import_into_another_forbund_even_past_the_page()
    {
        var snb = app.ForbundId("SNB");
        var form = await InScopeAsync(s => s.GetRequiredService<UserImporter>().FormAsync(Kansli, snb, posted: true));
        Assert.Equal(app.ForbundId("INS"), form.ForbundId);
        Assert.Equal([new FieldError("", "Du kan bara importera användare till förbund där du själv är kansli.")], form.Refusals);

        var outcome = await UnchangedAsync(s => s.GetRequiredService<UserImporter>().ImportAsync(Kansli, snb,
            [new UserImportLine(2, "fel.forbund@example.se", "Fel Förbund", "Styrelse", "")], Link));
        Assert.Equal("Du kan bara importera användare till förbund där du själv är kansli.", outcome.Error);
        Assert.Empty(outcome.Invited);
    }

    [Fact]
    public async Task An_import_form_naming_no_forbund_that_exists_and_a_file_over_a_megabyte_are_refused_on_their_fields()
    {
        var form = await InScopeAsync(s => s.GetRequiredService<UserImporter>().FormAsync(Admin, 999_999, posted: true));
        Assert.Equal([new FieldError("ForbundId", "Välj ett förbund.")], form.Refusals);
        Assert.NotNull(form.ForbundId);

        using var large = new MemoryStream(new byte[UserImport.MaxBytes + 1]);
        var preview = await InScopeAsync(s => s.GetRequiredService<UserImporter>().PreviewAsync(Kansli, app.ForbundId("INS"), large));
        Assert.Equal((UserImport.TooLarge, 0, false), (preview.FileError, preview.Rows.Count, preview.MayConfirm));
    }

    [Fact]
    public async Task An_administrator_granting_in_a_forbund_that_does_not_exist_is_told_so()
    {
        var result = await UnchangedAsync(s => s.GetRequiredService<UserCommands>().GrantAsync(Admin, app.UserId("styrelse@insjoriket.example"),
            999_999, MembershipRole.Styrelse, []));
        Assert.Equal((CommandStatus.Refused, "Förbundet finns inte."), (result.Status, result.Message));
        Assert.Empty(result.FieldErrors);
    }

    private string FullName(string email) => app.WithDb(db => db.Users.Single(u => u.Email == email).FullName);

    /// <summary>Runs a command in a scope of its own and holds that it stored nothing.</summary>
    private async Task<T> UnchangedAsync<T>(Func<IServiceProvider, Task<T>> command)
    {
        var before = Stored();
        var result = await InScopeAsync(command);
        Assert.Equal(before, Stored());
        return result;
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        T result = default!;
        await app.WithScopeAsync(async s => result = await work(s));
        return result;
    }

    private (int Users, int Memberships, int Invitations, int Outbox, int Audit) Stored() =>
        app.WithDb(db => (db.Users.Count(), db.Memberships.Count(m => m.IsActive), db.Invitations.Count(), db.Outbox.Count(), db.AuditEntries.Count()));
}
