using System.Net.Http.Headers;
using System.Text;
using AngleSharp;
using LexHeller.Core.Audit;
using LexHeller.Core.Demo;
using LexHeller.Core.Identity;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Administration;

/// <summary>
/// "Importera användare" (/anvandare/importera): a CSV file is previewed row by row with every problem named, nothing is
/// created until the preview is confirmed, and the confirmation creates everything or nothing. Every test uses
/// addresses of its own.
/// </summary>
public class UserImportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string Header = "e-post;namn;roll;organisation";

    private static string NewTag() => "imp" + Guid.NewGuid().ToString("N")[..8];

    private bool AnyUser(string tag) => app.WithDb(db => db.Users.Any(u => u.Email!.Contains(tag)));

    private bool AnyMail(string tag) => app.WithDb(db => db.Outbox.Any(m => m.To.Contains(tag)));

    [Fact]
    public async Task Three_valid_users_are_previewed_without_anything_created_then_invited_in_one_confirmation()
    {
        var tag = NewTag();
        string[] emails = [$"nils.{tag}@molndal.example", $"rut.{tag}@fk.example", $"stina.{tag}@insjoriket.example"];
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        var preview = await kansli.UploadAsync(string.Join("\r\n",
            Header,
            $"{emails[0]};Nils Berg;BUG-ledamot;Mölndals stad|Partille kommun",
            $"{emails[1]};Rut Ek;Rapportor;Försäkringskassan",
            $"{emails[2]};Stina Holm;Styrelse;"), bom: true);

        Assert.Equal(emails, Rows(preview).Select(r => r.Email));
        Assert.All(Rows(preview), r => Assert.Equal("Bjuds in", r.Outcome));
        Assert.Equal(["BUG-ledamot", "Rapportör", "Styrelse"], Rows(preview).Select(r => r.Role));
        Assert.NotNull(preview.Document.QuerySelector("form[data-testid=import-confirm]"));
        Assert.False(AnyUser(tag));
        Assert.False(AnyMail(tag));

        var done = await kansli.SubmitAsync(preview, Form(), "form[data-testid=import-confirm]");
        Assert.Equal("/anvandare?sort=skapad", done.Url);
        Assert.Contains("3 användare är inbjudna.", done.Document.QuerySelector(".notice[role=status]")!.TextContent);
        Assert.Contains("Nils Berg", done.Text);

        var ins = app.ForbundId("INS");
        var memberships = app.WithDb(db => db.Memberships.Where(m => m.User.Email!.Contains(tag))
            .Select(m => new { m.User.Email, m.User.FullName, m.ForbundId, m.Role, m.IsActive, Orgs = m.Organisations.Select(o => o.Organisation.Name).ToList() })
            .ToList());
        Assert.Equal(3, memberships.Count);
        Assert.All(memberships, m => Assert.Equal((ins, true), (m.ForbundId, m.IsActive)));
        var nils = memberships.Single(m => m.Email == emails[0]);
        Assert.Equal(("Nils Berg", MembershipRole.BugLedamot), (nils.FullName, nils.Role));
        Assert.Equal(["Mölndals stad", "Partille kommun"], nils.Orgs.Order());
        Assert.Equal(["Försäkringskassan"], memberships.Single(m => m.Email == emails[1]).Orgs);
        Assert.Equal(MembershipRole.Styrelse, memberships.Single(m => m.Email == emails[2]).Role);

        var mails = app.WithDb(db => db.Outbox.Where(m => m.To.Contains(tag)).Select(m => new { m.To, m.Subject, m.ForbundId }).ToList());
        Assert.Equal(emails.Order(), mails.Select(m => m.To).Order());
        Assert.All(mails, m => Assert.Equal(("Inbjudan till Lex Heller – Samordningsförbundet Insjöriket", (int?)ins), (m.Subject, m.ForbundId)));
        Assert.Equal(3, app.WithDb(db => db.Invitations.Count(i => db.Users.Any(u => u.Id == i.UserId && u.Email!.Contains(tag)))));

        var audit = app.WithDb(db => db.AuditEntries.Where(a => a.Subject.Contains(tag) && a.Action == AuditActions.UserInvited).ToList());
        Assert.Equal(emails.Order(), audit.Select(a => a.Subject).Order());
        Assert.All(audit, a => Assert.Equal(app.UserId(Kansli), a.ActorUserId));
        Assert.Equal("BUG-ledamot: Mölndals stad, Partille kommun", audit.Single(a => a.Subject == emails[0]).After);
        var summary = app.WithDb(db => db.AuditEntries.Where(a => a.Action == AuditActions.UsersImported && a.After!.Contains(tag)).ToList());
        Assert.Contains("3 inbjudna", Assert.Single(summary).After);

        // The invitation works like one sent from "Bjud in användare".
        using var newcomer = new Browserless(app);
        Assert.Contains("Ditt lösenord är sparat", (await newcomer.AcceptInvitationAsync(app.InvitationLink(emails[2]))).Text);
        Assert.Equal("/", (await newcomer.LoginAsync(emails[2], NewPassword, totpSecret: null)).Url);
    }

    [Fact]
    public async Task A_comma_separated_file_without_bom_is_read_and_an_existing_user_gets_the_role_without_an_invitation()
    {
        var tag = NewTag();
        const string existing = "bug.af@insjoriket.example";
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        var preview = await kansli.UploadAsync(string.Join("\n",
            "e-post,namn,roll,organisation",
            $"anna.{tag}@partille.example,\"Berg, Anna\",BUG-ledamot,Partille kommun",
            $"{existing},Eva Sandberg,Rapportör,Arbetsförmedlingen"), bom: false);

        var rows = Rows(preview);
        Assert.Equal("Berg, Anna", rows[0].Name);
        Assert.Equal("Bjuds in", rows[0].Outcome);
        Assert.StartsWith("Finns redan som Eva Sandberg", rows[1].Outcome);

        var done = await kansli.SubmitAsync(preview, Form(), "form[data-testid=import-confirm]");
        Assert.Contains("1 användare är inbjuden. 1 befintlig användare har fått en ny roll.", done.Text);
        Assert.True(app.WithDb(db => db.Memberships.Any(m => m.User.Email == existing && m.Role == MembershipRole.Rapportor && m.IsActive)));
        Assert.Empty(app.WithDb(db => db.Outbox.Where(m => m.To == existing).ToList()));
        Assert.Equal("Rapportör: Arbetsförmedlingen",
            app.WithDb(db => db.AuditEntries.Single(a => a.Action == AuditActions.MembershipGranted && a.Subject == existing)).After);
        Assert.True(AnyMail(tag));
    }

    [Fact]
    public async Task A_file_without_the_header_gets_one_message_and_no_rows()
    {
        var tag = NewTag();
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        foreach (var csv in new[]
                 {
                     $"mejl;namn;roll;organisation\r\nnn.{tag}@example.se;Nn;Styrelse;",
                     $"nn.{tag}@example.se;Nn;Styrelse;",
                     "",
                 })
        {
            var page = await kansli.UploadAsync(csv);
            Assert.Equal("Filen saknar rubrikraden e-post;namn;roll;organisation.", page.Document.QuerySelector("#file-error")!.TextContent.Trim());
            Assert.Equal("true", page.Document.QuerySelector("#Upload_File")!.GetAttribute("aria-invalid"));
            Assert.Null(page.Document.QuerySelector("table.import-table"));
            Assert.Null(page.Document.QuerySelector("form[data-testid=import-confirm]"));
        }

        var latin1 = await kansli.UploadAsync($"{Header}\r\nnn.{tag}@example.se;Nisse;BUG-ledamot;Mölndals stad", encoding: Encoding.Latin1);
        Assert.Contains("inte sparad som UTF-8", latin1.Document.QuerySelector("#file-error")!.TextContent);
        Assert.False(AnyUser(tag));
    }

    [Fact]
    public async Task Every_problem_is_named_on_its_row_and_the_import_cannot_be_confirmed()
    {
        var tag = NewTag();
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        var preview = await kansli.UploadAsync(string.Join("\r\n",
            Header,
            $"ok.{tag}@example.se;Okej Person;Styrelse;",                          // 2
            $"dubbel.{tag}@example.se;Dubbel Ett;Styrelse;",                       // 3
            $"DUBBEL.{tag}@example.se;Dubbel Två;Styrelse;",                       // 4
            $"okand.{tag}@example.se;Okänd Org;BUG-ledamot;Ankeborgs kommun",     // 5
            $"lulea.{tag}@example.se;Fel Förbund;BUG-ledamot;Luleå kommun",      // 6
            $"chef.{tag}@example.se;Chef Chefsson;Chef;",                          // 7
            $"kansli.{tag}@example.se;Blivande Kansli;Kansli;",                    // 8
            "bug.fk@insjoriket.example;Anders Nyström;BUG-ledamot;Försäkringskassan", // 9
            $"inte-en-adress-{tag};Ingen Adress;Styrelse;",                         // 10
            $"utan.namn.{tag}@example.se;;Styrelse;",                              // 11
            $"pnr.{tag}@example.se;Anna 19121212-1212;Styrelse;"));                // 12

        var problems = Rows(preview).ToDictionary(r => r.Row, r => r.Outcome);
        Assert.Equal("Bjuds in", problems[2]);
        Assert.Contains("finns på flera rader i filen (rad 4", problems[3]);
        Assert.Contains("finns på flera rader i filen (rad 3", problems[4]);
        Assert.Contains("Okänd organisation ”Ankeborgs kommun”", problems[5]);
        Assert.Contains("Organisationen ”Luleå kommun” är inte medlem i förbundet.", problems[6]);
        Assert.Contains("Okänd roll ”Chef”. Skriv Rapportör, BUG-ledamot eller Styrelse.", problems[7]);
        Assert.Contains("Endast en administratör kan ge rollen Kansli.", problems[8]);
        Assert.Contains("Anders Nyström har redan rollen BUG-ledamot i förbundet.", problems[9]);
        Assert.Contains("är inte en giltig e-postadress", problems[10]);
        Assert.Contains("Namn saknas.", problems[11]);
        Assert.Contains("”19121212-1212”, som ser ut som ett personnummer", problems[12]);
        Assert.Contains("10 av 11 rader har problem. Ingenting har skapats.", preview.Document.QuerySelector("[data-testid=import-refused]")!.TextContent);
        Assert.Null(preview.Document.QuerySelector("form[data-testid=import-confirm]"));

        // Posting a confirmation anyway, with rows that were never previewed, is refused as well.
        var forged = await kansli.PostFromAsync("/anvandare/importera", "/anvandare/importera?handler=Confirm",
            Form(("Confirm.Rows", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"ForbundId\":1,\"Lines\":[{{\"Row\":2,\"Email\":\"x.{tag}@example.se\"}}]}}")))));
        Assert.Contains("Förhandsgranskningen gick inte att läsa", forged.ErrorText());

        Assert.False(AnyUser(tag));
        Assert.False(AnyMail(tag));
        Assert.False(app.WithDb(db => db.AuditEntries.Any(a => a.Subject.Contains(tag) || (a.After != null && a.After.Contains(tag)))));
        Assert.Equal(1, app.WithDb(db => db.Memberships.Count(m => m.User.Email == "bug.fk@insjoriket.example")));
    }

    [Fact]
    public async Task An_administrator_imports_kansli_into_the_forbund_it_picks()
    {
        var tag = NewTag();
        using var admin = new Browserless(app);
        await admin.LoginAsync("admin@lexheller.example");
        var snb = app.ForbundId("SNB");
        var preview = await admin.UploadAsync($"{Header}\nkansli.{tag}@sodranorrbotten.example;Klara Kansli;Kansli;", forbundId: snb);
        Assert.Equal("Bjuds in", Rows(preview).Single().Outcome);

        var done = await admin.SubmitAsync(preview, Form(), "form[data-testid=import-confirm]");
        Assert.Contains("1 användare är inbjuden.", done.Text);
        Assert.True(app.WithDb(db => db.Memberships.Any(m => m.User.Email == $"kansli.{tag}@sodranorrbotten.example"
            && m.Role == MembershipRole.Kansli && m.ForbundId == snb)));
        Assert.Equal("Inbjudan till Lex Heller – Samordningsförbundet Södra Norrbotten",
            app.WithDb(db => db.Outbox.Single(m => m.To.Contains(tag)).Subject));
    }

    [Fact]
    public async Task When_a_row_stops_being_valid_before_the_confirmation_nothing_at_all_is_created()
    {
        var tag = NewTag();
        var late = $"sen.{tag}@example.se";
        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        var preview = await kansli.UploadAsync(string.Join("\r\n",
            Header,
            $"forst.{tag}@example.se;Första Person;Styrelse;",
            $"andra.{tag}@example.se;Andra Person;Rapportör;Försäkringskassan",
            $"{late};Sena Person;Styrelse;"));
        Assert.NotNull(preview.Document.QuerySelector("form[data-testid=import-confirm]"));

        // Meanwhile a colleague invites the third person with the same role.
        using var colleague = new Browserless(app);
        await colleague.LoginAsync(DemoSeeder.SharedKansliEmail);
        Assert.Contains("En inbjudan har skickats", (await colleague.InviteAsync(late, "Sena Person", MembershipRole.Styrelse)).Text);

        var refused = await kansli.SubmitAsync(preview, Form(), "form[data-testid=import-confirm]");
        Assert.Contains("Ingen användare har skapats", refused.ErrorText());
        Assert.Contains("har redan rollen Styrelse", Rows(refused).Single(r => r.Email == late).Outcome);
        Assert.Null(refused.Document.QuerySelector("form[data-testid=import-confirm]"));

        Assert.Equal([late], app.WithDb(db => db.Users.Where(u => u.Email!.Contains(tag)).Select(u => u.Email!).ToList()));
        Assert.Equal([late], app.WithDb(db => db.Outbox.Where(m => m.To.Contains(tag)).Select(m => m.To).ToList()));
        Assert.False(app.WithDb(db => db.AuditEntries.Any(a => a.Action == AuditActions.UsersImported && a.After!.Contains(tag))));
        Assert.Equal(1, app.WithDb(db => db.AuditEntries.Count(a => a.Subject.Contains(tag))));
    }

    private sealed record PreviewRow(int Row, string Email, string Name, string Role, string Outcome);

    private static IReadOnlyList<PreviewRow> Rows(Browserless.Page page) =>
        page.Document.QuerySelectorAll("table.import-table tbody tr").Select(tr =>
        {
            var cells = tr.Children.Select(c => c.TextContent.Trim()).ToList();
            return new PreviewRow(int.Parse(cells[0]), cells[1], cells[2], cells[3], cells[5]);
        }).ToList();
}

/// <summary>
/// Uploads a file the way a browser posts the import form: multipart/form-data with the page's antiforgery token.
/// Browserless posts url-encoded forms only, so this borrows its HTTP client (and with it the login cookies).
/// </summary>
internal static class ImportUpload
{
    private static readonly IBrowsingContext Parser = BrowsingContext.New(Configuration.Default);

    public static async Task<Browserless.Page> UploadAsync(this Browserless browser, string csv, bool bom = false, int? forbundId = null,
        Encoding? encoding = null)
    {
        var page = await browser.GetAsync("/anvandare/importera" + (forbundId is null ? "" : $"?forbundId={forbundId}"));
        var form = page.Form("form[data-testid=import-upload]");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var action = form.GetAttribute("action")!;

        var bytes = (encoding ?? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)).GetBytes(csv);
        if (bom) bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        if (forbundId is not null) content.Add(new StringContent(forbundId.Value.ToString()), "Upload.ForbundId");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "Upload.File", "anvandare.csv");

        return await browser.PostMultipartAsync(action, content, follow: false);
    }
}
