using System.Net;
using LexHeller.Core.Cases;
using LexHeller.Core.Meetings;
using LexHeller.Testing;
using LexHeller.Web.Tests.Bug;
using LexHeller.Web.Tests.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Meetings;

public sealed class MinutesTests : IDisposable
{
    private const string Kansli = "kansli@insjoriket.example";
    private readonly AppFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Minutes_are_finalised_only_with_every_case_decided_and_the_PDF_lists_the_decisions()
    {
        var now = app.Clock.GetUtcNow();
        var meetingId = await app.WithDbAsync(async db =>
        {
            var m = Meeting.Plan(app.ForbundId("INS"), now.AddDays(20), "Kommunhuset", null, null, 14, now);
            db.Meetings.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });
        var concluded = await app.FileCaseAsync(CaseState.RedoForBug);
        var postponed = await app.FileCaseAsync(CaseState.RedoForBug);
        await app.WithScopeAsync(s => s.GetRequiredService<Agendas>().PlaceReadyCasesAsync());
        app.Clock.Advance(TimeSpan.FromDays(10));
        await app.WithScopeAsync(s => s.GetRequiredService<Agendas>().CloseDueAgendasAsync("https://lexheller.example"));
        app.Clock.Advance(TimeSpan.FromDays(10).Add(TimeSpan.FromHours(3)));

        using var kansli = new Browserless(app);
        await kansli.LoginAsync(Kansli);
        await kansli.ActAsync(concluded.Id, "Conclude", new()
        {
            ["Input.Outcome"] = nameof(CaseOutcome.RaisedToBoard), ["Input.Summary"] = "Frågan gäller hela länet.", ["Input.Answer"] = "Lyfts till styrelsen.",
        });

        var participants = app.WithDb(db => db.Users.Where(u => u.Email == "bug.fk@insjoriket.example" || u.Email == "bug.af@insjoriket.example").Select(u => u.Id).ToList());
        var form = await kansli.GetAsync($"/moten/{meetingId}/protokoll");
        var refused = await kansli.SubmitAsync(form, new Dictionary<string, string> { ["Participants"] = string.Join('\u001f', participants) });
        Assert.Contains("1 ärenden på dagordningen saknar beslut", refused.Document.QuerySelector("[data-testid=minutes-error]")!.TextContent);
        Assert.Null(app.WithDb(db => db.Meetings.Single(m => m.Id == meetingId).MinutesFinalisedAt));

        await kansli.ActAsync(postponed.Id, "Postpone", Form(("Input.Reason", "Mötet hann inte.")));
        var done = await kansli.SubmitAsync(await kansli.GetAsync($"/moten/{meetingId}/protokoll"),
            new Dictionary<string, string> { ["Participants"] = string.Join('\u001f', participants) });
        Assert.Contains("Protokollet är fastställt", done.Text);

        using var downloader = new Downloader(app);
        await downloader.LoginAsync("bug.kommun@insjoriket.example");
        var response = await downloader.GetAsync($"/moten/{meetingId}/protokoll?handler=Pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = PdfText.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Protokoll från beredningsgruppens (BUG) möte", pdf.Flat);
        Assert.Contains("Samordningsförbundet Insjöriket", pdf.Flat);
        Assert.Contains($"{concluded.Reference} Avslutas", pdf.Flat);
        Assert.Contains($"{postponed.Reference} Skjuts upp till nästa möte", pdf.Flat);
        Assert.Contains("Anders Nyström", pdf.Flat);
        Assert.Contains("Sida 1 av", pdf.Flat);
        Assert.DoesNotContain("Sara Lindqvist", pdf.Flat);
    }
}
