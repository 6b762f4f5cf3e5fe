using System.Diagnostics;
using LexHeller.Core.Data;
using LexHeller.Core.Notifications;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Xunit.Abstractions;

namespace LexHeller.Web.Tests.Notifications;

/// <summary>Tests that start the app as a process of their own: one at a time, beside no other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AppProcessCollection
{
    public const string Name = "App processes";
}

/// <summary>
/// The outbox survives the app being killed mid-send: the real app, its Hangfire jobs and a real SMTP server,
/// with the kill at the worst moment, when the server has the message but has not yet said it took it.
/// </summary>
[Collection(AppProcessCollection.Name)]
public sealed class ProcessKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Queued = 12;
    /// <summary>The message whose answer is held: a few go through first, so the kill lands mid-batch.</summary>
    private const int HeldMessage = 4;
    // Short, so a killed sender's rows come free within the test; long enough that a cold, busy app sends the
    // whole batch within one lease (with 2 s a loaded two-core machine sometimes gave up mid-batch).
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);
    // Start-up, plus a minute in case a slow machine lets the lease run out and the minutely sweep takes over.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly SmtpTestServer _smtp = new();
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("lexheller-kill-").FullName;
    private readonly List<AppProcess> _runs = [];
    private AppProcess? _app;

    [Fact]
    public async Task A_mail_in_flight_when_the_app_is_killed_arrives_after_the_restart_at_most_twice_and_no_mail_is_lost()
    {
        // The app creates its database itself; with mail off, the queued rows wait for it.
        _app = await StartAsync(mailOn: false);
        await _app.KillAsync();
        var queued = await QueueAsync(Queued);

        _smtp.HoldMessageNumber = HeldMessage;
        _smtp.HoldReply = new TaskCompletionSource();
        _app = await StartAsync(mailOn: true);
        var sending = Stopwatch.StartNew();
        var held = await WithinAsync(_smtp.Held.Task, "the held message to arrive");
        var heldAfter = sending.Elapsed;
        await _app.KillAsync();
        var killExitCode = _app.ExitCode;
        _smtp.HoldReply.SetResult();

        // At the kill exactly one mail is in doubt: handed over, received by the server, never marked sent.
        var atKill = await RowsAsync();
        var inDoubt = Assert.Single(atKill.Where(r => r.HandedOverAt is not null && r.SentAt is null).ToList());
        Assert.Equal(KeyOf(held), inDoubt.MessageKey);
        Assert.Equal(1, inDoubt.HandOvers);
        Assert.Equal(HeldMessage - 1, atKill.Count(r => r.SentAt is not null));
        Assert.Equal(HeldMessage, _smtp.Messages.Count);

        // Restarted at once, the app would find the rows still leased and leave them to the next minutely sweep;
        // after the lease its start-up catch-up takes them.
        var leaseLeft = inDoubt.LeasedUntil!.Value - TimeProvider.System.GetUtcNow();
        if (leaseLeft > TimeSpan.Zero) await Task.Delay(leaseLeft + TimeSpan.FromMilliseconds(100));
        var restart = Stopwatch.StartNew();
        _app = await StartAsync(mailOn: true);
        var ready = restart.Elapsed;
        var readyAt = TimeProvider.System.GetUtcNow();
        var rows = await AllSentAsync();
        var recovered = restart.Elapsed;
        var resent = rows.Single(r => r.MessageKey == inDoubt.MessageKey);
        // A sender that still wrongly held a row would deliver it within a lease.
        await Task.Delay(Lease + TimeSpan.FromSeconds(1));

        var deliveries = _smtp.Messages;
        var perKey = deliveries.GroupBy(KeyOf).ToDictionary(g => g.Key, g => g.Count());
        var duplicated = perKey.Where(p => p.Value > 1).Select(p => p.Key).ToList();
        output.WriteLine($"Queued {Queued}; deliveries {deliveries.Count} ({perKey.Count} distinct Message-Ids, {deliveries.Count - perKey.Count} duplicate(s)); " +
            $"in flight at the kill: 1 (message {HeldMessage}); the killed app's exit code {killExitCode}.");
        output.WriteLine($"Message {HeldMessage} held {Seconds(heldAfter)} s after the app was ready.");
        output.WriteLine($"Restart: ready after {Seconds(ready)} s, {Relative(readyAt - inDoubt.LeasedUntil!.Value)} the killed sender's lease ran out; " +
            $"the mail in doubt was sent again {Seconds(resent.HandedOverAt!.Value - readyAt)} s after it was ready; every mail was sent {Seconds(recovered)} s after the restart.");
        output.WriteLine($"Hand-overs per row: {string.Join(", ", rows.Select(r => r.HandOvers))}.");
        foreach (var line in _app.Output.Split('\n').Where(l => l.Contains("E-post", StringComparison.Ordinal)))
            output.WriteLine($"App: {line.Trim()}");

        Assert.All(queued, key => Assert.True(perKey.ContainsKey(key), $"The mail {key} never arrived."));
        Assert.All(rows, r => Assert.NotNull(r.SentAt));
        Assert.True(deliveries.Count <= Queued + 1, $"{deliveries.Count} deliveries of {Queued} mails with one in flight at the kill.");
        Assert.All(duplicated, key => Assert.Equal(inDoubt.MessageKey, key));
        Assert.Equal(2, resent.HandOvers);
        Assert.All(rows.Where(r => r.MessageKey != inDoubt.MessageKey), r => Assert.Equal(1, r.HandOvers));
        // A recipient who gets the mail twice gets it under one Message-Id, which mail servers and clients can fold into one.
        Assert.All(deliveries.GroupBy(m => m.To.Mailboxes.Single().Address),
            g => Assert.Single(g.Select(m => m.MessageId).Distinct()));
    }

    private async Task<AppProcess> StartAsync(bool mailOn)
    {
        var app = await AppProcess.StartAsync(Settings(mailOn), Patience);
        _runs.Add(app);
        return app;
    }

    private Dictionary<string, string> Settings(bool mailOn) => new()
    {
        ["Data__Folder"] = _dataFolder,
        ["Demo__Seed"] = "false",
        ["Hangfire__Enabled"] = "true",
        ["Outbox__Lease"] = Lease.ToString("c"),
        ["Smtp__Host"] = mailOn ? "127.0.0.1" : "",
        ["Smtp__Port"] = _smtp.Port.ToString(),
        ["Smtp__Security"] = "None",
        ["Smtp__From"] = "lexheller@insjoriket.example",
    };

    private LexHellerDb OpenDb() => new(new DbContextOptionsBuilder<LexHellerDb>()
        // No pooling: the test holds no connection to the file while the app runs or when the folder is removed.
        .UseSqlite($"Data Source={Path.Combine(_dataFolder, "lexheller.db")};Pooling=False").Options);

    private async Task<IReadOnlyList<string>> QueueAsync(int count)
    {
        await using var db = OpenDb();
        var now = TimeProvider.System.GetUtcNow();
        var mails = Enumerable.Range(1, count)
            .Select(i => new OutboxMessage($"mottagare{i}@insjoriket.example", "Samordningsförbundet Insjöriket", $"Utskick {i}",
                $"Brev nummer {i}.", $"<p>Brev nummer {i}.</p>", now))
            .ToList();
        db.Outbox.AddRange(mails);
        await db.SaveChangesAsync();
        return mails.Select(m => m.MessageKey).ToList();
    }

    private async Task<List<OutboxMessage>> RowsAsync()
    {
        await using var db = OpenDb();
        return await db.Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    private async Task<List<OutboxMessage>> AllSentAsync()
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var rows = await RowsAsync();
            if (rows.All(r => r.SentAt is not null)) return rows;
            if (waited.Elapsed > Patience)
                Assert.Fail($"{rows.Count(r => r.SentAt is null)} of {rows.Count} mails still unsent after {Patience.TotalSeconds} s " +
                    $"({string.Join("; ", rows.Where(r => r.SentAt is null).Select(r => $"{r.Id}: hand-overs {r.HandOvers}, leased until {r.LeasedUntil:O}, {r.LastError}"))}).\n" +
                    $"App output:\n{_app?.OutputTail()}");
            await Task.Delay(250);
        }
    }

    private async Task<T> WithinAsync<T>(Task<T> task, string what)
    {
        try { return await task.WaitAsync(Patience); }
        catch (TimeoutException)
        {
            Assert.Fail($"Waited {Patience.TotalSeconds} s for {what}; {_smtp.Messages.Count} messages arrived.\nApp output:\n{_app?.OutputTail()}");
            throw;
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

    private static string Relative(TimeSpan span) => span >= TimeSpan.Zero ? $"{Seconds(span)} s after" : $"{Seconds(-span)} s before";

    private static string KeyOf(MimeMessage message) => (message.MessageId ?? "").Split('@')[0];

    public Task InitializeAsync() => _smtp.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var run in _runs) await run.DisposeAsync();
        await _smtp.DisposeAsync();
        try { Directory.Delete(_dataFolder, recursive: true); } catch (IOException) { }
    }
}
