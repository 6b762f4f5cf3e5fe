using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Notifications;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Compilations;

/// <summary>What a kansli asks for: a period and filters, for the förbund or jointly across förbund.</summary>
public sealed record CompilationRequest(CompilationScope Scope, DateOnly? From, DateOnly? To, string? Kind, int? CategoryId, int? OrganisationId);

/// <summary>
/// Asking for compilations, deciding who sees what of them, and computing them. The rows are the queue:
/// a request writes a queued row (one per scope, period and filters while it is queued or running), the job
/// computes it, and a sweep picks up anything left queued.
/// </summary>
public sealed class CompilationService(LexHellerDb db, TimeProvider clock)
{
    public const int MaxYears = 5;
    public const int MaxAttempts = 3;
    /// <summary>A compilation still marked running after this was abandoned by a process that died.</summary>
    public static readonly TimeSpan RunningTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Validates the request; on success returns the queued (or already queued) compilation, otherwise errors by field.</summary>
    public async Task<(Compilation? Compilation, Dictionary<string, string> Errors)> RequestAsync(int forbundId, CompilationRequest request, string userId, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>();
        if (request.From is null) errors["From"] = "Ange periodens första dag.";
        if (request.To is null) errors["To"] = "Ange periodens sista dag.";
        if (request.From is { } f && request.To is { } t)
        {
            if (t < f) errors["To"] = "Perioden slutar innan den börjar.";
            else if (t > f.AddYears(MaxYears).AddDays(-1)) errors["To"] = $"En sammanställning kan omfatta högst {MaxYears} år.";
        }
        CaseKind? kind = null;
        if (!string.IsNullOrEmpty(request.Kind))
        {
            if (Enum.TryParse<CaseKind>(request.Kind, out var k) && Enum.IsDefined(k)) kind = k;
            else errors["Kind"] = "Okänd ärendetyp.";
        }
        var forbund = await db.Forbund.AsNoTracking().SingleOrDefaultAsync(x => x.Id == forbundId, ct);
        if (forbund is null) errors["Scope"] = "Förbundet finns inte.";
        if (request.Scope == CompilationScope.Joint && forbund is { SharesCompilations: false })
            errors["Scope"] = "Förbundet deltar inte i förbundsgemensamma sammanställningar.";
        if (request.CategoryId is { } categoryId)
        {
            if (request.Scope == CompilationScope.Joint)
                errors["CategoryId"] = "En förbundsgemensam sammanställning kan inte avgränsas till en kategori: varje förbund har sina egna.";
            else if (!await db.Categories.AnyAsync(c => c.Id == categoryId && c.ForbundId == forbundId, ct))
                errors["CategoryId"] = "Okänd kategori.";
        }
        if (request.OrganisationId is { } organisationId)
        {
            var member = request.Scope == CompilationScope.Joint
                ? await db.ForbundMembers.AnyAsync(m => m.OrganisationId == organisationId && m.Forbund.SharesCompilations, ct)
                : await db.ForbundMembers.AnyAsync(m => m.OrganisationId == organisationId && m.ForbundId == forbundId, ct);
            if (!member) errors["OrganisationId"] = "Okänd part: organisationen är inte medlem i förbundet.";
        }
        if (errors.Count > 0) return (null, errors);

        var period = new Period(PeriodKind.Custom, request.From!.Value, request.To!.Value);
        var filter = new CompilationFilter(kind, request.CategoryId, request.OrganisationId);
        return (await QueueAsync(request.Scope, forbundId, period, filter, scheduled: false, userId, ct), errors);
    }

    /// <summary>Writes a queued compilation, or returns the one already queued or running for the same key.</summary>
    public async Task<Compilation> QueueAsync(CompilationScope scope, int? forbundId, Period period, CompilationFilter filter, bool scheduled, string? userId, CancellationToken ct = default)
    {
        var key = Compilation.KeyFor(scope, forbundId, period, filter);
        var live = await LiveAsync(key, ct);
        if (live is not null) return live;
        var compilation = new Compilation(scope, forbundId, period, filter, scheduled, userId, clock.GetUtcNow());
        db.Compilations.Add(compilation);
        try
        {
            await db.SaveChangesAsync(ct);
            return compilation;
        }
        catch (DbUpdateException e) when (!LexHeller.Core.Data.DatabaseFaults.IsUnavailable(e))
        {
            // Another request for the same compilation won the race: the unique index let one row in.
            db.Entry(compilation).State = EntityState.Detached;
            return await LiveAsync(key, ct) ?? throw new InvalidOperationException("Sammanställningen kunde inte köas.");
        }
    }

    private Task<Compilation?> LiveAsync(string key, CancellationToken ct) =>
        db.Compilations.Where(c => c.DedupKey == key && (c.Status == CompilationStatus.Queued || c.Status == CompilationStatus.Running))
            .OrderBy(c => c.Id).FirstOrDefaultAsync(ct);

    /// <summary>The förbund whose cases a compilation covers: its own, or every förbund that shares.</summary>
    public async Task<List<int>> ForbundOfAsync(Compilation c, CancellationToken ct = default) =>
        c.Scope == CompilationScope.Joint
            ? await db.Forbund.Where(f => f.SharesCompilations).Select(f => f.Id).ToListAsync(ct)
            : [c.ForbundId!.Value];

    /// <summary>
    /// Computes a queued compilation. Safe to run twice: only the run that moves the row from queued to running
    /// computes it. A failure puts the row back in the queue with its reason until the last attempt, then marks
    /// it failed; either way the reason shows in the list.
    /// </summary>
    public async Task<bool> ComputeAsync(int id, string publicUrl, CancellationToken ct = default)
    {
        var claimed = await db.Compilations.Where(c => c.Id == id && c.Status == CompilationStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CompilationStatus.Running).SetProperty(c => c.Attempts, c => c.Attempts + 1)
                .SetProperty(c => c.StartedAt, clock.GetUtcNow()), ct);
        if (claimed == 0) return false;
        var compilation = await db.Compilations.SingleAsync(c => c.Id == id, ct);
        try
        {
            var forbund = await ForbundOfAsync(compilation, ct);
            var data = await new CompilationQuery(db).ComputeAsync(forbund.Count == 0 ? [-1] : forbund, compilation.Period, compilation.Filter,
                includeCases: compilation.Scope == CompilationScope.Forbund, ct);
            compilation.Complete(data, clock.GetUtcNow());
            if (compilation.Scheduled) await NotifyAsync(compilation, forbund, publicUrl, ct);
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            var row = await db.Compilations.SingleAsync(c => c.Id == id, CancellationToken.None);
            if (row.Attempts >= MaxAttempts) row.Fail($"{e.GetType().Name}: {e.Message}");
            else row.Retry($"Försök {row.Attempts} misslyckades: {e.Message}");
            await db.SaveChangesAsync(CancellationToken.None);
            return false;
        }
    }

    /// <summary>Queued compilations, and running ones abandoned by a process that died, to compute now.</summary>
    public async Task<List<int>> DueAsync(CancellationToken ct = default)
    {
        var abandoned = clock.GetUtcNow() - RunningTimeout;
        await db.Compilations.Where(c => c.Status == CompilationStatus.Running && c.StartedAt < abandoned)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CompilationStatus.Queued), ct);
        return await db.Compilations.Where(c => c.Status == CompilationStatus.Queued).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
    }

    /// <summary>
    /// Queues the scheduled compilations whose period has ended: last month, the last tertial and the last year
    /// for each förbund, and the last tertial and year jointly when two or more förbund share. Each is queued once.
    /// </summary>
    public async Task<int> QueueScheduledAsync(CancellationToken ct = default)
    {
        var today = Stockholm.Today(clock.GetUtcNow());
        var lastMonth = today.AddMonths(-1);
        var periods = new[]
        {
            Period.Month(lastMonth.Year, lastMonth.Month),
            Period.TertialOf(Period.TertialOf(today).From.AddDays(-1)),
            Period.Year(today.Year - 1),
        };
        var forbund = await db.Forbund.Select(f => new { f.Id, f.SharesCompilations }).ToListAsync(ct);
        var queued = 0;
        foreach (var f in forbund)
            foreach (var period in periods)
                queued += await QueueOnceAsync(CompilationScope.Forbund, f.Id, period, ct);
        if (forbund.Count(f => f.SharesCompilations) >= 2)
            foreach (var period in periods.Skip(1))
                queued += await QueueOnceAsync(CompilationScope.Joint, null, period, ct);
        return queued;
    }

    private async Task<int> QueueOnceAsync(CompilationScope scope, int? forbundId, Period period, CancellationToken ct)
    {
        var key = Compilation.KeyFor(scope, forbundId, period, CompilationFilter.None);
        if (await db.Compilations.AnyAsync(c => c.DedupKey == key && c.Scheduled && c.Status != CompilationStatus.Failed, ct)) return 0;
        await QueueAsync(scope, forbundId, period, CompilationFilter.None, scheduled: true, null, ct);
        return 1;
    }

    /// <summary>Tells the board and the BUG (and, for a joint one, each sharing förbund's kansli) that a scheduled compilation is ready.</summary>
    private async Task NotifyAsync(Compilation c, IReadOnlyCollection<int> forbund, string publicUrl, CancellationToken ct)
    {
        var roles = c.Scope == CompilationScope.Joint
            ? new[] { MembershipRole.Styrelse, MembershipRole.Kansli }
            : new[] { MembershipRole.Styrelse, MembershipRole.BugLedamot };
        var recipients = await db.Memberships.Where(m => m.ForbundId != null && forbund.Contains(m.ForbundId.Value) && m.IsActive && roles.Contains(m.Role))
            .Select(m => new { m.ForbundId, Recipient = new Recipient(m.UserId, m.User.Email), Forbund = db.Forbund.Where(f => f.Id == m.ForbundId).Select(f => f.Name).First() })
            .ToListAsync(ct);
        var url = $"{publicUrl.TrimEnd('/')}/sammanstallningar/{c.Id}";
        foreach (var r in recipients.DistinctBy(r => (r.Recipient.UserId, r.ForbundId)))
            db.Outbox.Add(new CompilationReadyMail(r.Recipient.Email ?? "", r.Forbund, c.Period.Label, c.Scope == CompilationScope.Joint, url)
                .ToOutbox(clock.GetUtcNow(), r.Recipient, r.ForbundId!.Value, digestible: true));
        c.MarkNotified(clock.GetUtcNow());
    }

    /// <summary>What the member sees of a compilation, or null when they may not see it at all.</summary>
    public static Audience? AudienceFor(Compilation c, IReadOnlyCollection<(int ForbundId, MembershipRole Role)> memberships, IReadOnlyCollection<int> sharingForbund)
    {
        if (c.Scope == CompilationScope.Joint)
            return memberships.Any(m => sharingForbund.Contains(m.ForbundId) && m.Role is MembershipRole.Kansli or MembershipRole.Styrelse) ? Audience.Joint : null;
        if (memberships.Any(m => m.ForbundId == c.ForbundId && m.Role == MembershipRole.Kansli)) return Audience.Kansli;
        if (memberships.Any(m => m.ForbundId == c.ForbundId && m.Role is MembershipRole.Styrelse or MembershipRole.BugLedamot)) return Audience.Shared;
        return null;
    }

    /// <summary>The report an audience sees, with the förbund's small-count threshold (the highest of the sharing förbund for a joint one).</summary>
    public async Task<CompilationReport?> ReportAsync(Compilation c, Audience audience, CancellationToken ct = default)
    {
        if (c.Data is not { } data || c.ComputedAt is not { } at) return null;
        var forbund = await ForbundOfAsync(c, ct);
        var threshold = await db.Forbund.Where(f => forbund.Contains(f.Id)).Select(f => (int?)f.SmallCountThreshold).MaxAsync(ct) ?? Organisations.Forbund.DefaultSmallCountThreshold;
        var title = c.Scope == CompilationScope.Joint ? $"Förbundsgemensam sammanställning {c.Period.Label}" : null;
        if (audience == Audience.Shared && data.Answers.Count > 0)
        {
            // An answer withdrawn since the compilation was computed (the case reopened or unpublished) is no longer shown.
            var references = data.Answers.Select(a => a.Reference).ToList();
            var published = (await db.Cases.Where(x => x.Reference != null && references.Contains(x.Reference) && x.IsPublished)
                .Select(x => x.Reference!).ToListAsync(ct)).ToHashSet();
            data = data with { Answers = data.Answers.Where(a => published.Contains(a.Reference)).ToList() };
        }
        return CompilationReport.For(data, c.Period, at, threshold, audience, title);
    }
}

/// <summary>Told to the board and the BUG when a scheduled compilation is ready.</summary>
public sealed record CompilationReadyMail(string To, string ForbundName, string PeriodLabel, bool Joint, string Url) : MailMessage(To)
{
    public override string Subject => Joint ? $"Förbundsgemensam sammanställning klar: {PeriodLabel}" : $"Sammanställning klar: {PeriodLabel}";
    public override string? SenderName => ForbundName;
    public override string Link => Url;

    protected override IEnumerable<string> Paragraphs =>
    [
        "Hej!",
        Joint
            ? $"Den förbundsgemensamma sammanställningen för {PeriodLabel} är klar. Den visar antal, aldrig enskilda ärenden."
            : $"Sammanställningen av {ForbundName}s ärenden för {PeriodLabel} är klar.",
        "Öppna den i Lex Heller:",
    ];
}

/// <summary>The recurring jobs around <see cref="CompilationService"/>.</summary>
public sealed class CompilationJob(CompilationService compilations, Microsoft.Extensions.Options.IOptions<Time.PublicUrlOptions> publicUrl)
{
    private string PublicUrl => publicUrl.Value.Base;

    [Hangfire.AutomaticRetry(Attempts = 0)]
    public Task<bool> ComputeAsync(int id, CancellationToken ct) => compilations.ComputeAsync(id, PublicUrl, ct);

    /// <summary>Every few minutes: queue what the schedule calls for, then compute everything queued.</summary>
    [Hangfire.AutomaticRetry(Attempts = 0)]
    [Hangfire.DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task SweepAsync(CancellationToken ct)
    {
        await compilations.QueueScheduledAsync(ct);
        foreach (var id in await compilations.DueAsync(ct)) await compilations.ComputeAsync(id, PublicUrl, ct);
    }
}
