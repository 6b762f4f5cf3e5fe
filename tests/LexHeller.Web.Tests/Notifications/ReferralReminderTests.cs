using LexHeller.Core.Cases;
using LexHeller.Core.Notifications;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Notifications;

/// <summary>Reminders before an answer is due and notices when it is overdue, on the test clock.</summary>
public sealed class ReferralReminderTests : IDisposable
{
    private readonly AppFactory app = new();

    public void Dispose() => app.Dispose();

    private async Task<(int Reminders, int Overdue)> SweepAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReferralReminderSweep>().RunAsync("https://lexheller.example");
    }

    private List<OutboxMessage> Mails(string contains) => app.WithDb(db => db.Outbox.Where(m => m.Subject.Contains(contains)).ToList());

    private void MoveToDayBefore(DateOnly due, int days)
    {
        var target = due.AddDays(-days).ToDateTime(new TimeOnly(8, 0));
        var at = new DateTimeOffset(target, Stockholm.Zone.GetUtcOffset(target));
        app.Clock.Advance(at - app.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Parties_are_reminded_three_days_before_and_the_kansli_told_once_a_week_when_overdue()
    {
        var filed = await app.FileCaseAsync(CaseState.RemitteradTillPart);
        var due = app.WithDb(db => db.CaseReferrals.First(r => r.CaseId == filed.Id).DueDate);

        MoveToDayBefore(due, 4);
        Assert.Equal((0, 0), await SweepAsync());

        MoveToDayBefore(due, 3);
        Assert.Equal((2, 0), await SweepAsync());
        Assert.Equal((0, 0), await SweepAsync());
        Assert.Equal(["bug.af@insjoriket.example", "bug.fk@insjoriket.example"], Mails("Påminnelse").Select(m => m.To).Order());

        MoveToDayBefore(due, -1);
        Assert.Equal((0, 2), await SweepAsync());
        Assert.Equal((0, 0), await SweepAsync());
        var overdue = Mails("försenat");
        Assert.Equal(4, overdue.Count); // two parties, two kansli members
        Assert.All(overdue, m => Assert.Contains(m.To, new[] { "kansli@insjoriket.example", "samordnare@lexheller.example" }));

        app.Clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal((0, 2), await SweepAsync());
    }

    [Fact]
    public async Task An_answered_party_is_neither_reminded_nor_reported_overdue()
    {
        var filed = await app.FileCaseAsync(CaseState.Besvarad);
        var due = app.WithDb(db => db.CaseReferrals.First(r => r.CaseId == filed.Id).DueDate);
        MoveToDayBefore(due, -2);
        Assert.Equal((0, 0), await SweepAsync());
    }

    [Fact]
    public async Task Sweeps_running_at_once_send_each_reminder_once()
    {
        var filed = await app.FileCaseAsync(CaseState.RemitteradTillPart);
        var due = app.WithDb(db => db.CaseReferrals.First(r => r.CaseId == filed.Id).DueDate);
        MoveToDayBefore(due, 2);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SweepAsync()));
        Assert.Equal(2, results.Sum(r => r.Reminders));
        Assert.Equal(2, Mails("Påminnelse").Count);
    }
}
