using LexHeller.Core.Identity;
using LexHeller.Core.Notifications;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.ScaleOut;

/// <summary>
/// Hangfire's recurring scheduler takes a distributed lock in the shared store, so one instance enqueues each run;
/// should both instances still run a sweep at the same moment (a retry overlapping the next run, a manual trigger
/// from the dashboard), its effect happens once, because the sweep claims its work in the database.
/// </summary>
public class JobsAcrossInstancesTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private const string Kansli = "kansli@insjoriket.example";

    [Fact]
    public async Task The_daily_digest_run_by_both_instances_at_the_same_moment_is_sent_once()
    {
        var (a, b) = (instances.A, instances.B);
        await a.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.NormalizedEmail == Kansli.ToUpperInvariant())).ChooseMailDelivery(MailDelivery.DailyDigest);
            return await db.SaveChangesAsync();
        });
        await a.FileCaseAsync();
        await b.FileCaseAsync();
        var tomorrow = Stockholm.Today(a.Clock.GetUtcNow()).AddDays(1);
        instances.MoveBothTo(Stockholm.ToUtc(tomorrow, new TimeOnly(7, 0)));

        var go = new TaskCompletionSource();
        var runs = new[] { a, b }.Select(app => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var job = scope.ServiceProvider.GetRequiredService<DigestJob>();
            await go.Task;
            return await job.RunAsync(CancellationToken.None);
        })).ToArray();
        go.SetResult();
        var made = await Task.WhenAll(runs);

        Assert.Equal(1, made.Sum());
        var digests = a.WithDb(db => db.Outbox.Count(m => m.To == Kansli && m.Subject.StartsWith("Dagens sammanfattning")));
        Assert.Equal(1, digests);
        // Both filings' mails are in that one digest, none left waiting.
        Assert.Equal(0, a.WithDb(db => db.Outbox.Count(m => m.To == Kansli && m.Digestible && m.DigestId == null && m.SentAt == null)));
    }
}
