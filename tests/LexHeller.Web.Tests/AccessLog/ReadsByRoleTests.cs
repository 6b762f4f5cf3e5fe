using System.Net;
using LexHeller.Core.AccessLog;
using LexHeller.Core.Cases;
using LexHeller.Core.Meetings;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.AccessLog;

/// <summary>
/// A published, concluded case everyone of the förbund may read, and a meeting held three hours ago with a ready case
/// on its agenda, so that each page kind can be opened by each role allowed to open it.
/// </summary>
public sealed class ReadsByRoleFixture : IAsyncLifetime
{
    public const string SearchWord = "rollsokningsord";

    public AppFactory App { get; } = new();
    public CaseFactory.Filed Concluded { get; private set; } = null!;
    public CaseFactory.Filed OnAgenda { get; private set; } = null!;
    public int MeetingId { get; private set; }

    public async Task InitializeAsync()
    {
        var now = App.Clock.GetUtcNow();
        MeetingId = await App.WithDbAsync(async db =>
        {
            var m = Meeting.Plan(App.ForbundId("INS"), now.AddDays(20), "Kommunhuset", null, null, 14, now);
            db.Meetings.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });
        Concluded = await App.FileCaseAsync(CaseState.Avslutad, whatHappened: $"Remissen försvann, {SearchWord}.");
        OnAgenda = await App.FileCaseAsync(CaseState.RedoForBug);
        await App.WithScopeAsync(s => s.GetRequiredService<Agendas>().PlaceReadyCasesAsync());
        App.Clock.Advance(TimeSpan.FromDays(10));
        await App.WithScopeAsync(s => s.GetRequiredService<Agendas>().CloseDueAgendasAsync("https://lexheller.example"));
        App.Clock.Advance(TimeSpan.FromDays(10).Add(TimeSpan.FromHours(3)));
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Reads are logged for every role and page kind: each role that can open a kind leaves one row with that role.</summary>
public class ReadsByRoleTests(ReadsByRoleFixture fixture) : IClassFixture<ReadsByRoleFixture>
{
    private AppFactory App => fixture.App;

    [Theory]
    [InlineData("kansli@insjoriket.example", "Kansli", AccessKind.CasePage)]
    [InlineData("rapportor@insjoriket.example", "Rapportor", AccessKind.CasePage)]
    [InlineData("bug.fk@insjoriket.example", "BugLedamot", AccessKind.CasePage)]
    [InlineData("styrelse@insjoriket.example", "Styrelse", AccessKind.CasePage)]
    [InlineData("kansli@insjoriket.example", "Kansli", AccessKind.CasePdf)]
    [InlineData("bug.fk@insjoriket.example", "BugLedamot", AccessKind.CasePdf)]
    [InlineData("kansli@insjoriket.example", "Kansli", AccessKind.Export)]
    [InlineData("admin@lexheller.example", "Administrator", AccessKind.Export)]
    [InlineData("kansli@insjoriket.example", "Kansli", AccessKind.Search)]
    [InlineData("kansli@insjoriket.example", "Kansli", AccessKind.Minutes)]
    [InlineData("bug.af@insjoriket.example", "BugLedamot", AccessKind.Minutes)]
    [InlineData("kansli@insjoriket.example", "Kansli", AccessKind.MinutesPdf)]
    [InlineData("bug.af@insjoriket.example", "BugLedamot", AccessKind.MinutesPdf)]
    public async Task A_read_leaves_one_row_with_the_readers_role(string email, string role, AccessKind kind)
    {
        using var browser = new Browserless(App);
        await browser.LoginAsync(email);
        var userId = App.UserId(email);
        var before = App.WithDb(db => db.AccessLog.Where(a => a.UserId == userId).Max(a => (long?)a.Id)) ?? 0;

        var status = await ReadAsync(browser, kind);

        Assert.Equal(HttpStatusCode.OK, status);
        var row = Assert.Single(App.WithDb(db => db.AccessLog.AsNoTracking().Where(a => a.UserId == userId && a.Id > before).ToList()));
        Assert.Equal((kind, role, App.ForbundId("INS")), (row.Kind, row.Role, row.ForbundId));
        switch (kind)
        {
            case AccessKind.CasePage or AccessKind.CasePdf:
                Assert.Equal(fixture.Concluded.Id, row.CaseId);
                break;
            case AccessKind.Search:
                Assert.Contains($"visade {fixture.Concluded.Id}", row.What);
                break;
            case AccessKind.Minutes or AccessKind.MinutesPdf:
                Assert.Null(row.CaseId);
                Assert.EndsWith($"1 ärende, visade {fixture.OnAgenda.Id}", row.What);
                break;
            case AccessKind.Export:
                Assert.Null(row.CaseId);
                break;
        }
    }

    private async Task<HttpStatusCode> ReadAsync(Browserless browser, AccessKind kind)
    {
        var c = fixture.Concluded.Id;
        var minutes = $"/moten/{fixture.MeetingId}/protokoll";
        switch (kind)
        {
            case AccessKind.CasePage:
                return (await browser.GetAsync($"/arenden/{c}")).Status;
            case AccessKind.CasePdf:
                return (await browser.Http.GetAsync($"/arenden/{c}/pdf")).StatusCode;
            case AccessKind.Search:
                return (await browser.GetAsync($"/inkorg?q={ReadsByRoleFixture.SearchWord}")).Status;
            case AccessKind.Minutes:
                return (await browser.GetAsync(minutes)).Status;
            case AccessKind.MinutesPdf:
                return (await browser.Http.GetAsync($"{minutes}?handler=DraftPdf")).StatusCode;
            case AccessKind.Export:
                break;
        }
        // The kansli exports the inbox; the administrator, who has no inbox, exports the behandlingshistorik.
        var page = await browser.GetAsync("/inkorg");
        if (page.Status == HttpStatusCode.OK && page.Document.QuerySelector("form.export") is { } form)
        {
            var response = await browser.Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(
            [
                new("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
                new("format", "csv"),
            ]));
            return response.StatusCode;
        }
        return (await browser.Http.GetAsync($"/behandlingshistorik?handler=Csv&forbund={App.ForbundId("INS")}")).StatusCode;
    }
}
