using LexHeller.Core.Cases;
using LexHeller.Testing;
using static LexHeller.Web.Tests.Bug.BugSteps;

namespace LexHeller.Web.Tests.Bug;

/// <summary>Moves the clock, so it has an app of its own.</summary>
public class ToAnswerOrderTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Overdue_and_due_soon_cases_come_first_and_answered_ones_last()
    {
        var overdue = await app.FileCaseAsync(CaseState.RemitteradTillPart);
        app.Clock.Advance(TimeSpan.FromDays(5));
        var dueSoon = await app.FileCaseAsync(CaseState.RemitteradTillPart);
        app.Clock.Advance(TimeSpan.FromDays(15));
        var answered = await app.FileCaseAsync(CaseState.Besvarad);
        var due = await app.FileCaseAsync(CaseState.RemitteradTillPart);
        app.Clock.Advance(TimeSpan.FromDays(10));

        using var fk = new Browserless(app);
        await fk.LoginAsync(BugFk);
        var page = await fk.GetAsync("/att-besvara");
        var ids = new[] { overdue.Id, dueSoon.Id, due.Id, answered.Id }.Select(i => i.ToString()).ToHashSet();
        var rows = page.Document.QuerySelectorAll("[data-testid=to-answer] tbody tr").Where(r => ids.Contains(r.GetAttribute("data-case")!)).ToList();

        Assert.Equal([overdue.Id, dueSoon.Id, due.Id, answered.Id], rows.Select(r => int.Parse(r.GetAttribute("data-case")!)));
        Assert.Contains("Försenat", rows[0].TextContent);
        // Five days' margin on a due date set in UTC, counted in Stockholm: three days left, or two late in the UTC evening.
        var today = DateOnly.FromDateTime(LexHeller.Core.Time.Stockholm.ToLocal(app.Clock.GetUtcNow()).DateTime);
        var daysLeft = (await app.ReferralAsync(dueSoon.Id, "Försäkringskassan")).DueDate.DayNumber - today.DayNumber;
        Assert.InRange(daysLeft, 2, 3);
        Assert.Contains($"Ska besvaras inom {daysLeft} dagar", rows[1].TextContent);
        Assert.Contains("Ska besvaras", rows[2].TextContent);
        Assert.Contains("Besvarat", rows[3].TextContent);
    }
}
