using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Meetings;
using LexHeller.Core.Notifications;
using LexHeller.Testing;
using LexHeller.Web.Tests.Notifications;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Npgsql;
using Xunit.Abstractions;

namespace LexHeller.Web.Tests.ScaleOut;

/// <summary>
/// Two app processes on one PostgreSQL database behind a reverse proxy on loopback, as docs/scale-out.md sets them
/// up: real processes started from the build, each with its own port, memory and Hangfire server, and users who log
/// in with password and authenticator code. What one instance writes the other shows; a recurring job due once runs
/// once between them; and when one is killed in the middle of a filing load, no answered filing is lost or half
/// written and the proxy goes on answering from the other.
/// </summary>
/// <remarks>
/// In the Hangfire collection: the test reads Hangfire's tables and registers a recurring job through Hangfire's
/// client, whose serializer settings are static; and the collection runs alone, which two app processes need.
/// </remarks>
[Collection(HangfireCollection.Name)]
// Always on PostgreSQL, the engine several processes share: run once by the test command, not again in its PostgreSQL pass.
[Trait("Database", "Postgres")]
public sealed class TwoProcessesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string Reporter = "rapportor@insjoriket.example";
    private const string Victim = "B";
    private const string Probe = "two-process-agenda-probe";
    private const int LoadClients = 3;
    private static readonly TimeSpan LoadLength = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(3);
    // A cold start on a busy two-core machine; everything else waits with a deadline, never a fixed sleep.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly SmtpTestServer _smtp = new();
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("lexheller-two-process-").FullName;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private string _database = "";
    private readonly Dictionary<string, AppProcess> _instances = [];
    private LoopbackProxy? _proxy;

    private LoopbackProxy Proxy => _proxy!;

    [Fact]
    public async Task Two_processes_behind_a_proxy_share_what_they_write_run_a_recurring_job_once_and_survive_the_kill_of_one()
    {
        // The recurring job is set up first: its wait for the schedulers runs beside the next two parts.
        var agenda = await ScheduleAgendaProbeAsync();

        await A_case_filed_through_one_instance_is_in_the_others_inbox_at_once();
        await A_category_renamed_through_one_instance_is_shown_renamed_by_the_other_within_a_second();
        await The_recurring_job_ran_once_and_its_mails_went_out_once(agenda);
        await Killing_one_instance_during_a_filing_load_loses_no_answered_filing_and_the_proxy_keeps_answering();
        // Once more after the kill: the agenda's mails were not sent again by anyone.
        await AssertAgendaMailedOnceAsync(await AgendaRowsAsync());
    }

    private async Task A_case_filed_through_one_instance_is_in_the_others_inbox_at_once()
    {
        using var reporter = await LoginAsync(Reporter);
        using var kansli = await LoginAsync(Kansli);

        // One filing answered by each instance, each looked for in the other's inbox.
        var filedBy = new HashSet<string>();
        for (var filing = 0; filedBy.Count < 2; filing++)
        {
            Assert.True(filing < 8, "The proxy never sent a filing to " + (filedBy.Contains("A") ? "B" : "A"));
            var form = await reporter.GetAsync("/arenden/ny?typ=avvikelse", follow: false);
            if (filedBy.Contains(Other(ServedBy(form))))
            {
                // Round robin: the form's request and the filing go to different instances. One more request moves
                // the filing to the instance that has not taken one yet.
                form = await reporter.GetAsync("/arenden/ny?typ=avvikelse", follow: false);
            }
            var filed = await reporter.SubmitAsync(form, Deviation(form), "form.case-form", follow: false, action: "/arenden/ny?handler=Submit");
            var caseId = FiledCaseId(filed) ?? throw new Xunit.Sdk.XunitException($"The filing was not accepted ({filed.Status}): {filed.Text}");
            var by = ServedBy(filed);
            var other = Other(by);
            var reference = await WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Reference).SingleAsync());

            // The kansli's session, made through the proxy, asks the other instance itself.
            var inbox = await kansli.GetAsync(_instances[other].Url + "/inkorg");
            Assert.Equal(HttpStatusCode.OK, inbox.Status);
            Assert.Contains(reference!, inbox.Text);
            output.WriteLine($"1. Case {reference} filed through the proxy was answered by {by}; {other}'s inbox listed it at once.");
            filedBy.Add(by);
        }
    }

    private async Task A_category_renamed_through_one_instance_is_shown_renamed_by_the_other_within_a_second()
    {
        using var kansli = await LoginAsync(Kansli);
        using var reporter = await LoginAsync(Reporter);
        var added = await kansli.SubmitAsync(await kansli.GetAsync("/kategorier"), new Dictionary<string, string> { ["Input.Name"] = "Namn före bytet" },
            "form[data-testid=add-category]");
        Assert.Contains("Namn före bytet", added.Text);
        // Both instances have the old name in their lists before the rename.
        foreach (var instance in _instances.Values)
            await UntilAsync(async () => (await OfferedAsync(reporter, instance.Url)).Contains("Namn före bytet"), "the new category offered by " + instance.Url);

        var id = await WithDbAsync(db => db.Categories.Where(c => c.Name == "Namn före bytet").Select(c => c.Id).SingleAsync());
        var form = await kansli.GetAsync($"/kategorier/{id}");
        var renamed = await kansli.SubmitAsync(form, new Dictionary<string, string> { ["Input.Name"] = "Namn efter bytet" }, follow: false);
        var answeredAt = _clock.Elapsed;
        Assert.True(renamed.Status is HttpStatusCode.OK or HttpStatusCode.Found or HttpStatusCode.SeeOther, $"The rename was answered {renamed.Status}: {renamed.Text}");
        Assert.Equal("Namn efter bytet", await WithDbAsync(db => db.Categories.Where(c => c.Id == id).Select(c => c.Name).SingleAsync()));
        var renamedBy = ServedBy(renamed);
        var other = _instances[Other(renamedBy)];

        // Ask the other instance again and again until a request sent more than a second after the rename's answer
        // has come back: every such request must show the new name. Sending times, not answering times, so that a
        // slow page on a loaded machine does not count against the cache.
        var samples = new List<(TimeSpan Sent, TimeSpan Answered, bool Renamed)>();
        while (samples.Count == 0 || samples[^1].Sent < TimeSpan.FromSeconds(1.2))
        {
            var sent = _clock.Elapsed;
            var offered = await OfferedAsync(reporter, other.Url);
            samples.Add((sent - answeredAt, _clock.Elapsed - answeredAt, offered.Contains("Namn efter bytet") && !offered.Contains("Namn före bytet")));
            await Task.Delay(25);
        }
        var stale = samples.Where(s => !s.Renamed).Select(s => s.Sent).DefaultIfEmpty(TimeSpan.Zero).Max();
        var firstRenamed = samples.First(s => s.Renamed).Answered;
        var staleText = samples.Any(s => !s.Renamed) ? $"the old name to requests sent up to {Ms(stale)} ms after the rename's answer" : "never the old name";
        output.WriteLine($"2. Renamed through {renamedBy}; {Other(renamedBy)} showed {staleText} and the new name from {Ms(firstRenamed)} ms on ({samples.Count} requests).");
        Assert.All(samples.Where(s => s.Sent >= TimeSpan.FromSeconds(1)), s => Assert.True(s.Renamed, $"A request sent {Ms(s.Sent)} ms after the rename still got the old name."));
        Assert.True(stale < TimeSpan.FromSeconds(1), $"The old name was shown to a request sent {Ms(stale)} ms after the rename.");
    }

    /// <summary>
    /// The agenda sweep, the app's own job class, as a recurring job due once a few seconds from now, registered as the
    /// app registers its schedule (the app's "agenda-sweep" runs every minute and its mails go with "outbox-send" a
    /// minute later, too far apart for this test). A meeting's agenda becomes due at that moment.
    /// </summary>
    private async Task<AgendaProbe> ScheduleAgendaProbeAsync()
    {
        // The first statement of the test process loads the model and opens the pool: before the clock starts.
        var forbund = await WithDbAsync(db => db.Forbund.Where(f => f.Code == "INS").Select(f => f.Id).SingleAsync());
        var now = DateTimeOffset.UtcNow;
        var due = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddSeconds(10);
        var meetingId = await WithDbAsync(async db =>
        {
            var meeting = Meeting.Plan(forbund, due.AddDays(10), "Kansliet", null, null, Meeting.DefaultCutoffDays, now, dispatchAt: due);
            meeting.AddFreeItem(AgendaItemKind.Information, "Lägesrapport från kansliet", null, now);
            db.Meetings.Add(meeting);
            await db.SaveChangesAsync();
            return meeting.Id;
        });
        new RecurringJobManager(HangfireStorage()).AddOrUpdate<AgendaSweepJob>(Probe, j => j.RunAsync(CancellationToken.None),
            $"{due.Second} {due.Minute} {due.Hour} * * *", new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        Assert.True(DateTimeOffset.UtcNow < due, "The machine was too slow to register the job before it was due.");
        return new AgendaProbe(meetingId, due);
    }

    private sealed record AgendaProbe(int MeetingId, DateTimeOffset Due);

    private async Task The_recurring_job_ran_once_and_its_mails_went_out_once(AgendaProbe agenda)
    {
        var run = await UntilAsync(async () => (await ProbeRunsAsync()).FirstOrDefault(r => r.State == "Succeeded"), $"the job {Probe} to run");
        var dispatched = await WithDbAsync(db => db.AgendaDispatches.Where(d => d.MeetingId == agenda.MeetingId).Select(d => d.DispatchedAt).ToListAsync());
        Assert.Single(dispatched);

        // The mails are sent by the outbox job, here queued at once, as each instance queues it when it starts.
        new BackgroundJobClient(HangfireStorage()).Enqueue<OutboxSendJob>(j => j.RunAsync(CancellationToken.None));
        var rows = await UntilAsync(async () => (await AgendaRowsAsync()) is { Count: > 0 } r && r.All(m => m.SentAt is not null) ? r : null, "the agenda mails to be sent");

        // Each server looks for due recurring jobs every 15 s: long enough for both to have looked since the due time.
        var waitUntil = agenda.Due + TimeSpan.FromSeconds(16);
        if (waitUntil > DateTimeOffset.UtcNow) await Task.Delay(waitUntil - DateTimeOffset.UtcNow);

        var runs = await ProbeRunsAsync();
        var servers = await HangfireScalarAsync("SELECT count(*) FROM hangfire.server");
        output.WriteLine($"3. {Probe} due {agenda.Due:HH:mm:ss} UTC: {runs.Count} job(s), {string.Join("; ", runs.Select(r => $"job {r.Id} {r.State}, run {r.Runs} time(s) from {r.RunFrom:HH:mm:ss.fff} to {r.RunTo:HH:mm:ss.fff}"))}; " +
            $"{servers} Hangfire servers; agenda dispatched at {dispatched[0]:HH:mm:ss.fff}; {rows.Count} agenda mails.");
        Assert.Equal(2, servers);
        var only = Assert.Single(runs);
        Assert.Equal(run.Id, only.Id);
        Assert.Equal(1, only.Runs);
        await AssertAgendaMailedOnceAsync(rows);
    }

    /// <summary>One agenda mail to each BUG member of the förbund, each delivered once.</summary>
    private async Task AssertAgendaMailedOnceAsync(List<OutboxMessage> rows)
    {
        var bugMembers = await WithDbAsync(db => db.Memberships
            .Where(m => m.ForbundId == db.Forbund.Single(f => f.Code == "INS").Id && m.IsActive && m.Role == MembershipRole.BugLedamot)
            .Select(m => m.User.Email!).Distinct().ToListAsync());
        Assert.NotEmpty(bugMembers);
        Assert.Equal(bugMembers.Order(), rows.Select(r => r.To).Order());
        var delivered = _smtp.Messages.GroupBy(KeyOf).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(rows, r => Assert.Equal(1, delivered.GetValueOrDefault(r.MessageKey)));
    }

    private async Task Killing_one_instance_during_a_filing_load_loses_no_answered_filing_and_the_proxy_keeps_answering()
    {
        var casesBefore = await WithDbAsync(db => db.Cases.Select(c => c.Id).ToListAsync());
        var clients = new List<SocketBrowser>();
        for (var i = 0; i < LoadClients; i++) clients.Add(await LoginAsync(Reporter));
        var tries = new ConcurrentQueue<FilingTry>();
        var start = _clock.Elapsed;
        var stopAt = start + LoadLength;
        var load = clients.Select(c => Task.Run(() => FileUntilAsync(c, stopAt, tries))).ToList();

        await Task.Delay(KillAfter);
        // In the middle of the load: a filing is on its way to the instance when it dies.
        var postInFlight = await Proxy.UntilInFlightAsync(Victim, "POST", TimeSpan.FromSeconds(5));
        var killAt = _clock.Elapsed;
        var inFlightAtKill = Proxy.InFlight(Victim, "POST") + Proxy.InFlight(Victim, "GET");
        await _instances[Victim].KillAsync();
        var goneAt = _clock.Elapsed;
        await Task.WhenAll(load);
        foreach (var client in clients) client.Dispose();

        var all = tries.ToList();
        var answered = all.Where(t => t.CaseId is not null).ToList();
        var failed = all.Where(t => t.CaseId is null).ToList();
        var attempts = Proxy.Attempts;
        var proxyFailures = attempts.Where(a => a.Error is not null && !a.TriedAgain).ToList();
        var triedAgain = attempts.Count(a => a.TriedAgain);
        var newCases = await WithDbAsync(db => db.Cases.Where(c => !casesBefore.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                c.State,
                c.Reference,
                Parties = c.Parties.Count,
                Filed = db.CaseEvents.Count(e => e.CaseId == c.Id && e.FromState == CaseState.Utkast && e.ToState == CaseState.Inkommen),
            })
            .ToListAsync());

        output.WriteLine($"4. {LoadClients} clients filed for {LoadLength.TotalSeconds:0} s; {Victim} killed {Ms(killAt - start)} ms in " +
            $"({(postInFlight ? "a filing" : "no filing")} in flight to it, {inFlightAtKill} request(s) in all), gone {Ms(goneAt - killAt)} ms later.");
        output.WriteLine($"   {answered.Count} filings answered ({answered.Count(t => t.ServedBy == Victim)} by {Victim}, " +
            $"{answered.Count(t => t.Sent > goneAt)} after the kill); {failed.Count} tries failed " +
            $"({string.Join(", ", failed.Select(f => $"{f.Step} {f.Outcome} sent {Ms(f.Sent - start)} ms, answered {Ms(f.Answered - start)} ms"))}); the proxy tried {triedAgain} request(s) again on the other instance.");
        output.WriteLine($"   {newCases.Count} cases in the database after the load; {newCases.Count(c => answered.All(a => a.CaseId != c.Id))} of them committed without an answer reaching the client.");

        if (failed.Count > 0)
            foreach (var (name, instance) in _instances) output.WriteLine($"--- {name}:\n{instance.OutputTail(80)}");
        Assert.True(postInFlight, "No filing was on its way to the instance when it was killed.");
        Assert.Contains(answered, t => t.ServedBy == Victim && t.Sent < killAt);
        Assert.Contains(answered, t => t.Sent > goneAt);
        // Every answered filing is in the database, whole: submitted, with its number, its parties and its filing event.
        foreach (var filing in answered)
        {
            var saved = newCases.SingleOrDefault(c => c.Id == filing.CaseId);
            Assert.True(saved is not null, $"The answered filing {filing.CaseId} is not in the database.");
            Assert.Equal(CaseState.Inkommen, saved.State);
            Assert.NotNull(saved.Reference);
            Assert.Equal(2, saved.Parties);
            Assert.Equal(1, saved.Filed);
        }
        // Nothing half-written: no case without its filing event, no draft left behind by a filing cut short.
        Assert.All(newCases, c => Assert.True(c.State == CaseState.Inkommen && c.Filed == 1 && c.Reference is not null,
            $"Case {c.Id} is {c.State} with {c.Filed} filing event(s)."));
        // Only what was on its way to the killed instance failed: at most one try per client, each sent before it was gone.
        Assert.All(failed, f => Assert.True(f.Sent < goneAt, $"A {f.Step} sent {Ms(f.Sent - goneAt)} ms after the kill failed: {f.Outcome}."));
        Assert.True(failed.Count <= LoadClients, $"{failed.Count} tries failed with {LoadClients} clients.");
        Assert.All(proxyFailures, a => Assert.Equal(Victim, a.Instance));
        Assert.Equal(failed.Count, proxyFailures.Count);
        // The survivor served everything sent once the victim was gone.
        Assert.All(all.Where(t => t.Sent > goneAt), t => Assert.NotNull(t.CaseId));
    }

    private sealed record FilingTry(string Step, TimeSpan Sent, TimeSpan Answered, string Outcome, int? CaseId, string? ServedBy);

    /// <summary>One reporter filing deviations one after another until the time is up: open the form, send it.</summary>
    private async Task FileUntilAsync(SocketBrowser client, TimeSpan stopAt, ConcurrentQueue<FilingTry> tries)
    {
        while (_clock.Elapsed < stopAt)
        {
            var sent = _clock.Elapsed;
            Browserless.Page form;
            try
            {
                form = await client.GetAsync("/arenden/ny?typ=avvikelse", follow: false);
            }
            catch (HttpRequestException e)
            {
                tries.Enqueue(new FilingTry("form", sent, _clock.Elapsed, e.Message, null, null));
                continue;
            }
            if (form.Status != HttpStatusCode.OK)
            {
                tries.Enqueue(new FilingTry("form", sent, _clock.Elapsed, $"{(int)form.Status}", null, ServedBy(form)));
                continue;
            }
            sent = _clock.Elapsed;
            try
            {
                var filed = await client.SubmitAsync(form, Deviation(form), "form.case-form", follow: false, action: "/arenden/ny?handler=Submit");
                tries.Enqueue(new FilingTry("filing", sent, _clock.Elapsed, $"{(int)filed.Status}", FiledCaseId(filed), ServedBy(filed)));
            }
            catch (HttpRequestException e)
            {
                tries.Enqueue(new FilingTry("filing", sent, _clock.Elapsed, e.Message, null, null));
            }
        }
    }

    /// <summary>The case the filing's answer leads to: a redirect to the new case's page, where its number is shown.</summary>
    private static int? FiledCaseId(Browserless.Page answer) =>
        answer.Status == HttpStatusCode.Redirect && answer.Location is { } to && to.StartsWith("/arenden/", StringComparison.Ordinal)
            && int.TryParse(to["/arenden/".Length..], out var id) ? id : null;

    /// <summary>A valid deviation, its choices read from the form as a reporter picks them.</summary>
    private static Dictionary<string, string> Deviation(Browserless.Page form)
    {
        var category = form.Document.QuerySelectorAll("#Input_CategoryId option").First(o => o.TextContent.Trim() == "Regler som krockar").GetAttribute("value")!;
        var parties = form.Document.QuerySelectorAll("input[name='Input.PartyIds']")
            .Where(i => i.NextElementSibling?.TextContent.Trim() is "Försäkringskassan" or "Mölndals stad")
            .Select(i => i.GetAttribute("value")!).ToList();
        Assert.Equal(2, parties.Count);
        return new()
        {
            ["Input.EventDate"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-7)).ToString("yyyy-MM-dd"),
            ["Input.PartyIds"] = string.Join('\u001f', parties),
            ["Input.CategoryId"] = category,
            ["Input.WhatHappened"] = "Försäkringskassan krävde ett läkarintyg som vården inte utfärdar förrän Arbetsförmedlingen har gjort en kartläggning, och kartläggningen kräver intyget.",
            ["Input.Consequences"] = "Personen stod utan ersättning i tre månader.",
            ["Input.Suggestion"] = "En gemensam rutin för vem som börjar.",
            ["Input.Gender"] = "Kvinna",
            ["Input.AgeBand"] = "Age30To39",
            ["Input.SolvedLocally"] = "false",
        };
    }

    private static async Task<List<string>> OfferedAsync(SocketBrowser reporter, string instanceUrl)
    {
        var form = await reporter.GetAsync(instanceUrl + "/arenden/ny?typ=avvikelse");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        return form.Document.QuerySelectorAll("#Input_CategoryId option")
            .Where(o => o.GetAttribute("value") is { Length: > 0 }).Select(o => o.TextContent.Trim()).ToList();
    }

    private async Task<SocketBrowser> LoginAsync(string email)
    {
        var browser = new SocketBrowser(Proxy.Url);
        var landed = await browser.LoginAsync(email);
        Assert.True(landed.Status == HttpStatusCode.OK && !landed.Url.Contains("/logga-in", StringComparison.Ordinal),
            $"{email} could not log in through the proxy: {landed.Status} {landed.Url} {landed.Text}");
        return browser;
    }

    private static string ServedBy(Browserless.Page page) =>
        page.Headers?.TryGetValues(LoopbackProxy.ServedBy, out var values) == true ? values.Single() : throw new InvalidOperationException("No instance named in the answer.");

    private static string Other(string instance) => instance == "A" ? "B" : "A";

    // ---- the database and Hangfire's tables, read by the test as an operator would ----

    private LexHellerDb OpenDb() => new(new DbContextOptionsBuilder<LexHellerDb>()
        .UseNpgsql(_database)
        .UseModel(LexHeller.Core.Data.CompiledModelPostgres.LexHellerDbModel.Instance)
        .Options);

    private async Task<T> WithDbAsync<T>(Func<LexHellerDb, Task<T>> work)
    {
        await using var db = OpenDb();
        return await work(db);
    }

    /// <summary>The meeting mails of the test: only the agenda's carry a calendar entry.</summary>
    private Task<List<OutboxMessage>> AgendaRowsAsync() =>
        WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.CalendarIcs != null).ToListAsync());

    private JobStorage HangfireStorage()
    {
        GlobalConfiguration.Configuration.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();
        var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = false };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(_database, options), options);
    }

    private sealed record ProbeRun(long Id, string State, long Runs, DateTime? RunFrom, DateTime? RunTo);

    /// <summary>The jobs Hangfire created for the probe (it marks each with its recurring job's id) and how often each was run.</summary>
    private async Task<List<ProbeRun>> ProbeRunsAsync()
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT j.id, j.statename, (SELECT count(*) FROM hangfire.state s WHERE s.jobid = j.id AND s.name = 'Processing'),
                (SELECT min(s.createdat) FROM hangfire.state s WHERE s.jobid = j.id AND s.name = 'Processing'),
                (SELECT max(s.createdat) FROM hangfire.state s WHERE s.jobid = j.id AND s.name = 'Succeeded')
            FROM hangfire.job j JOIN hangfire.jobparameter p ON p.jobid = j.id
            WHERE p.name = 'RecurringJobId' AND trim(both '"' from p.value) = @probe
            ORDER BY j.id
            """, connection);
        command.Parameters.AddWithValue("probe", Probe);
        var runs = new List<ProbeRun>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) runs.Add(new ProbeRun(reader.GetInt64(0), reader.IsDBNull(1) ? "" : reader.GetString(1), reader.GetInt64(2),
            reader.IsDBNull(3) ? null : reader.GetDateTime(3), reader.IsDBNull(4) ? null : reader.GetDateTime(4)));
        return runs;
    }

    private async Task<long> HangfireScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static string KeyOf(MimeMessage message) => (message.MessageId ?? "").Split('@')[0];

    private static string Ms(TimeSpan span) => span.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Asks until the answer is there (not null, not false), or fails after <see cref="Patience"/>.</summary>
    private async Task<T> UntilAsync<T>(Func<Task<T?>> read, string what)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (value is not null && value is not false) return value;
            if (watch.Elapsed > Patience)
                Assert.Fail($"Waited {Patience.TotalSeconds:0} s for {what}.\n{string.Join("\n", _instances.Select(i => $"{i.Key}:\n{i.Value.OutputTail(30)}"))}");
            await Task.Delay(100);
        }
    }

    // ---- start and stop ----

    public async Task InitializeAsync()
    {
        try
        {
            await _smtp.StartAsync();
            _database = PostgresServer.Shared.CreateDatabase();
            var proxyPort = SmtpTestServer.FreePort();
            // One at a time: the first prepares Hangfire's tables and seeds the users, the second finds them there.
            foreach (var name in new[] { "A", "B" })
                _instances[name] = await AppProcess.StartAsync(Settings($"http://127.0.0.1:{proxyPort}"), Patience);
            _proxy = await LoopbackProxy.StartAsync(proxyPort, _instances.ToDictionary(i => i.Key, i => i.Value.Url));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>The settings both instances share, as docs/scale-out.md lists them.</summary>
    private Dictionary<string, string> Settings(string publicUrl) => new()
    {
        // As the other tests run the app: HTTP on loopback with no TLS, cheap password hashing.
        ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        ["App__PublicUrl"] = publicUrl,
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__LexHeller"] = _database,
        ["Data__Folder"] = _dataFolder,
        ["Demo__Seed"] = "true",
        ["Demo__Cases"] = "false",
        ["Demo__Password"] = AppFactory.Password,
        ["Demo__TotpSecret"] = AppFactory.TotpSecret,
        // Several sessions of one reporter log in within one 30-second code.
        ["TwoFactor__RejectReusedCodes"] = "false",
        ["Hangfire__Enabled"] = "true",
        ["Smtp__Host"] = "127.0.0.1",
        ["Smtp__Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp__Security"] = "None",
        ["Smtp__From"] = "lexheller@insjoriket.example",
    };

    public async Task DisposeAsync()
    {
        // Every child process goes, whatever happened in the test.
        foreach (var instance in _instances.Values)
        {
            try { await instance.DisposeAsync(); }
            catch (Exception e) { output.WriteLine($"Stopping an instance: {e.Message}"); }
        }
        if (_proxy is not null) await _proxy.DisposeAsync();
        await _smtp.DisposeAsync();
        if (_database != "") PostgresServer.Shared.DropDatabase(_database);
        try { Directory.Delete(_dataFolder, recursive: true); } catch (IOException) { }
    }
}
