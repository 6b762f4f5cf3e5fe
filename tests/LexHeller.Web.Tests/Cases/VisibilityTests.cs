using System.Net;
using System.Text;
using LexHeller.Core.Cases;
using LexHeller.Testing;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Cases;

public class VisibilityTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string, CaseState, bool> WhoSeesWhat => new()
    {
        // viewer, case state, may open
        { "kansli@insjoriket.example", CaseState.Inkommen, true },
        { "kansli@sodranorrbotten.example", CaseState.Inkommen, false },
        { "kansli@sodranorrbotten.example", CaseState.Avslutad, false },
        { "bug.fk@insjoriket.example", CaseState.UnderGranskning, false },
        { "bug.fk@insjoriket.example", CaseState.RedoForBug, true },
        { "bug.kommun@insjoriket.example", CaseState.Besvarad, true },
        { "bug.fk@sodranorrbotten.example", CaseState.RedoForBug, false },
        { "rapportor.kommun@insjoriket.example", CaseState.Besvarad, false },
        { "rapportor.kommun@insjoriket.example", CaseState.Avslutad, true },
        { "styrelse@insjoriket.example", CaseState.Besvarad, false },
        { "styrelse@insjoriket.example", CaseState.Avslutad, true },
        { "admin@lexheller.example", CaseState.Inkommen, false },
    };

    [Theory]
    [MemberData(nameof(WhoSeesWhat))]
    public async Task Only_the_roles_of_the_visibility_table_open_a_case_and_everyone_else_gets_404(string viewer, CaseState state, bool mayOpen)
    {
        var filed = await app.FileCaseAsync(state);
        using var browser = new Browserless(app);
        await browser.LoginAsync(viewer);
        var page = await browser.GetAsync($"/arenden/{filed.Id}");
        Assert.Equal(mayOpen ? HttpStatusCode.OK : HttpStatusCode.NotFound, page.Status);
        if (!mayOpen) Assert.DoesNotContain(filed.Reference, page.Text);
    }

    [Fact]
    public async Task An_unpublished_answer_is_hidden_from_the_board()
    {
        var filed = await app.FileCaseAsync(CaseState.Avslutad, publish: false);
        using var board = new Browserless(app);
        await board.LoginAsync("styrelse@insjoriket.example");
        Assert.Equal(HttpStatusCode.NotFound, (await board.GetAsync($"/arenden/{filed.Id}")).Status);
    }

    [Theory]
    [InlineData("bug.fk@insjoriket.example", CaseState.BehandlasIBug)]
    [InlineData("bug.af@insjoriket.example", CaseState.Besvarad)]
    [InlineData("styrelse@insjoriket.example", CaseState.Avslutad)]
    [InlineData("rapportor.kommun@insjoriket.example", CaseState.Avslutad)]
    public async Task Bug_members_and_the_board_never_receive_the_reporters_identity(string viewer, CaseState state)
    {
        var filed = await app.FileCaseAsync(state);
        var reporterId = app.UserId("rapportor@insjoriket.example");
        using var browser = new Browserless(app);
        await browser.LoginAsync(viewer);
        var page = await browser.GetAsync($"/arenden/{filed.Id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var html = page.Document.DocumentElement.OuterHtml;
        foreach (var secret in new[] { "Sara Lindqvist", "rapportor@insjoriket.example", reporterId })
            Assert.DoesNotContain(secret, html, StringComparison.OrdinalIgnoreCase);
        Assert.Null(page.Document.QuerySelector("[data-testid=kansli-facts]"));
    }

    [Fact]
    public async Task A_redacted_phrase_is_nowhere_in_the_database_file_or_its_log()
    {
        const string phrase = "Blåbärssoppan Kvartersgatan 17";
        var filed = await app.FileCaseAsync(whatHappened: $"Personen bor på {phrase} och fick ingen hjälp med boendet.");
        using var kansli = new Browserless(app);
        await kansli.LoginAsync("kansli@insjoriket.example");
        await kansli.ActAsync(filed.Id, "Take");
        var page = await kansli.ActAsync(filed.Id, "Redact", Form(("Input.RedactPassage", phrase)));
        Assert.Contains("Du har strukit texten. Text ströks på 1 ställe.", page.Text);
        Assert.Contains($"Personen bor på {Case.RedactedMark} och fick", page.Text);
        Assert.Contains("strök text: Text ströks på 1 ställe", page.Document.QuerySelector("[data-testid=timeline]")!.TextContent);
        Assert.DoesNotContain("1 ställen", page.Text);

        var bytes = Encoding.UTF8.GetBytes(phrase);
        // The database and its log; the lock file the running app holds beside them carries no data.
        foreach (var file in Directory.GetFiles(app.DataFolder, "lexheller.db*").Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var content = new byte[stream.Length];
            stream.ReadExactly(content);
            Assert.True(content.AsSpan().IndexOf(bytes) < 0, $"{Path.GetFileName(file)} still holds the redacted phrase");
            Assert.True(content.AsSpan().IndexOf(Encoding.UTF8.GetBytes("Blåbärssoppan")) < 0, $"{Path.GetFileName(file)} still holds part of it");
        }
        var audit = app.WithDb(db => db.AuditEntries.Single(a => a.Action == "CaseRedacted"));
        Assert.DoesNotContain("Blåbär", (audit.Before ?? "") + audit.After);
    }
}
