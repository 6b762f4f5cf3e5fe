using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml.Linq;
using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Compilations;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using LexHeller.Core.Work;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Archive;

/// <summary>A package's period in Stockholm days, both inclusive; stored in <see cref="BackgroundWork.Parameters"/> as "2021-01-01..2021-12-31".</summary>
public sealed record ArchivePeriod(DateOnly From, DateOnly To)
{
    public DateTimeOffset Start => Stockholm.ToUtc(From, TimeOnly.MinValue);
    public DateTimeOffset End => Stockholm.ToUtc(To.AddDays(1), TimeOnly.MinValue);

    public override string ToString() => $"{ArchiveCaseRecord.Date(From)}..{ArchiveCaseRecord.Date(To)}";

    public string Label => $"{ArchiveCaseRecord.Date(From)} – {ArchiveCaseRecord.Date(To)}";

    public static ArchivePeriod? Parse(string? text)
    {
        var parts = (text ?? "").Split("..");
        return parts.Length == 2
            && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            && DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)
            ? new ArchivePeriod(from, to) : null;
    }
}

/// <summary>Where finished packages are kept: <c>Archive:Folder</c>, by default <c>arkivpaket</c> in the data folder.</summary>
public sealed record ArchiveFolder(string Path);

/// <summary>What a finished package is: its file, size and the SHA-256 of the whole ZIP, as stored in <see cref="BackgroundWork.Result"/>.</summary>
public sealed record ArchiveResult(string FileName, long Bytes, string Sha256, int Cases)
{
    public override string ToString() => $"{FileName}|{Bytes}|{Sha256}|{Cases}";

    public static ArchiveResult? Parse(string? text)
    {
        var parts = (text ?? "").Split('|');
        return parts.Length == 4 && long.TryParse(parts[1], out var bytes) && int.TryParse(parts[3], out var cases)
            ? new ArchiveResult(parts[0], bytes, parts[2], cases) : null;
    }
}

/// <summary>
/// The kansli's archive packages (e-arkiv): asking for one for a period, and which cases, minutes and compilations
/// a period holds. The package itself is built by <see cref="ArchivePackageJob"/> in the background.
/// </summary>
public sealed class ArchivePackages(LexHellerDb db, TimeProvider clock)
{
    public const string Kind = "ArchivePackage";

    /// <summary>The outcome of a request: the work row, or what is wrong with the period (by field, in Swedish).</summary>
    public sealed record Requested(int? WorkId, string? FromError = null, string? ToError = null, string? Error = null);

    /// <summary>
    /// Every case of the förbund filed or handled during the period: submitted in it, or with any step of its handling
    /// in it. Drafts never leave the reporter, so they are not in any package.
    /// </summary>
    public static IQueryable<Case> CasesIn(LexHellerDb db, int forbundId, ArchivePeriod period)
    {
        var (start, end) = (period.Start, period.End);
        return db.Cases.Where(c => c.ForbundId == forbundId && c.Reference != null && c.State != CaseState.Utkast
            && ((c.SubmittedAt >= start && c.SubmittedAt < end) || c.Events.Any(e => e.At >= start && e.At < end)));
    }

    /// <summary>
    /// Records the request (a work row and an audit line, in one commit); the page then queues the job. A period that
    /// ends before it starts, or holds no case, is refused with a reason.
    /// </summary>
    public async Task<Requested> RequestAsync(int forbundId, string userId, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        if (from is null || to is null)
            return new Requested(null, from is null ? "Ange första dagen i perioden." : null, to is null ? "Ange sista dagen i perioden." : null);
        if (to < from) return new Requested(null, ToError: "Sista dagen kan inte ligga före första dagen.");
        var period = new ArchivePeriod(from.Value, to.Value);
        if (!await CasesIn(db, forbundId, period).AnyAsync(ct))
            return new Requested(null, Error: $"Det finns inga ärenden från perioden {period.Label}. Välj en annan period.");

        var now = clock.GetUtcNow();
        var work = BackgroundWork.Request(Kind, forbundId, userId, period.ToString(), now);
        db.BackgroundWork.Add(work);
        db.AuditEntries.Add(new AuditEntry(now, userId, forbundId, AuditActions.ArchivePackageRequested, $"Arkivpaket {period.Label}", null, period.ToString()));
        await db.SaveChangesAsync(ct);
        return new Requested(work.Id);
    }
}

/// <summary>
/// Builds an archive package in the background: each case as an XML record and a PDF/A, the period's justerade
/// minutes, the förbund's compilations that lie within the period, the schemas, PREMIS and the root METS, written to a
/// ZIP in the archive folder. Progress counts cases. Running it again for a finished request does nothing.
/// </summary>
public sealed class ArchivePackageJob(LexHellerDb db, WorkProgress progress, CompilationService compilations, ArchiveFolder folder, TimeProvider clock)
{
    public async Task RunAsync(int workId, CancellationToken ct)
    {
        var work = await db.BackgroundWork.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workId && w.Kind == ArchivePackages.Kind, ct);
        if (work is null || work.Finished || work.ForbundId is not { } forbundId) return;
        try
        {
            var period = ArchivePeriod.Parse(work.Parameters) ?? throw new ArchiveFailure("Perioden gick inte att läsa.");
            var forbund = await db.Forbund.AsNoTracking().Where(f => f.Id == forbundId).Select(f => new { f.Name, f.Code }).SingleAsync(ct);
            var caseIds = await ArchivePackages.CasesIn(db, forbundId, period).OrderBy(c => c.ReferenceYear).ThenBy(c => c.ReferenceSequence).ThenBy(c => c.Id)
                .Select(c => c.Id).ToListAsync(ct);
            if (!await progress.StartAsync(workId, caseIds.Count, ct)) return;

            var result = await BuildAsync(workId, forbundId, forbund.Name, forbund.Code, period, caseIds, ct);
            await progress.FinishAsync(workId, result.ToString(), ct);
            await AuditAsync(work, AuditActions.ArchivePackageCreated, $"{result.FileName} ({Swedish.Count(result.Cases, "ärende", "ärenden")}, SHA-256 {result.Sha256})", ct);
        }
        // Whatever stops the package, the row must not stay "running" for ever: the person who asked sees why.
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var reason = e is ArchiveFailure ? e.Message : $"Paketet kunde inte skapas ({e.GetType().Name}: {e.Message}).";
            await progress.FailAsync(workId, reason, ct);
            await AuditAsync(work, AuditActions.ArchivePackageFailed, reason, ct);
        }
    }

    private async Task<ArchiveResult> BuildAsync(int workId, int forbundId, string forbundName, string forbundCode, ArchivePeriod period,
        List<int> caseIds, CancellationToken ct)
    {
        var created = clock.GetUtcNow();
        var objId = $"lexheller-{forbundCode.ToLowerInvariant()}-{period.From:yyyyMMdd}-{period.To:yyyyMMdd}-{workId}";
        Directory.CreateDirectory(folder.Path);
        var fileName = objId + ".zip";
        var target = Path.Combine(folder.Path, fileName);
        // Written beside the target and moved into place when whole: a package that is listed is complete.
        var partial = target + ".delvis";
        try
        {
            return await WriteAsync(workId, forbundId, forbundName, forbundCode, period, caseIds, created, objId, fileName, target, partial, ct);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    private async Task<ArchiveResult> WriteAsync(int workId, int forbundId, string forbundName, string forbundCode, ArchivePeriod period,
        List<int> caseIds, DateTimeOffset created, string objId, string fileName, string target, string partial, CancellationToken ct)
    {
        int minutesCount, compilationCount;
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            var package = new PackageWriter(zip, objId, created);
            for (var i = 0; i < caseIds.Count; i++)
            {
                var c = await ArchiveCaseRecord.Query(db).SingleAsync(x => x.Id == caseIds[i], ct);
                var record = await ArchiveCaseRecord.RenderAsync(db, c, forbundName, forbundCode, created, ct);
                package.Add($"representations/rep1/data/arenden/{record.Reference}.xml", PackageWriter.DataGroup, "application/xml",
                    "Lex Heller ärende (urn:lexheller:arende:1)", "1.0", record.Xml);
                package.Add($"representations/rep1/data/arenden/{record.Reference}.pdf", PackageWriter.DataGroup, "application/pdf",
                    "PDF/A-1a", "1a", record.Pdf);
                db.ChangeTracker.Clear();
                await progress.ReportAsync(workId, i + 1, ct: ct);
            }

            var (start, end) = (period.Start, period.End);
            var minutes = await db.Meetings.AsNoTracking()
                .Where(m => m.ForbundId == forbundId && m.StartsAt >= start && m.StartsAt < end && m.CancelledAt == null && m.MinutesPdf != null)
                .OrderBy(m => m.StartsAt).Select(m => new { m.StartsAt, m.MinutesPdf }).ToListAsync(ct);
            foreach (var m in minutes)
                package.Add($"representations/rep1/data/protokoll/protokoll-bug-{Stockholm.FormatDate(m.StartsAt)}.pdf", PackageWriter.DataGroup,
                    "application/pdf", "Portable Document Format", null, m.MinutesPdf!);
            minutesCount = minutes.Count;

            var (from, to) = (period.From, period.To);
            var done = await db.Compilations.AsNoTracking()
                .Where(k => k.Scope == CompilationScope.Forbund && k.ForbundId == forbundId && k.Status == CompilationStatus.Done && k.From >= from && k.To <= to)
                .OrderBy(k => k.From).ThenBy(k => k.Id).ToListAsync(ct);
            compilationCount = 0;
            foreach (var k in done)
            {
                if (await compilations.ReportAsync(k, Audience.Kansli, ct) is not { } report) continue;
                var name = Path.GetFileNameWithoutExtension(CompilationExports.FileName(report, "pdf")) + (k.Filter.Kind is null && k.Filter.CategoryId is null && k.Filter.OrganisationId is null ? "" : $"-urval-{k.Id}");
                package.Add($"representations/rep1/data/sammanstallningar/{name}.pdf", PackageWriter.DataGroup, "application/pdf", "PDF/A-1a", "1a",
                    CompilationExports.Pdf(report, pdfA: true));
                package.Add($"representations/rep1/data/sammanstallningar/{name}.csv", PackageWriter.DataGroup, "text/csv", "Comma Separated Values", null,
                    CompilationExports.Csv(report));
                compilationCount++;
            }

            package.AddSchemas();
            package.Add(PackageWriter.DescriptiveFile, "Metadata", "application/xml", "Lex Heller arkivpaket (urn:lexheller:arende:1)", "1.0",
                Description(objId, forbundName, forbundCode, period, created, caseIds.Count, minutesCount, compilationCount));
            package.Add(PackageWriter.PremisFile, "Metadata", "application/xml", "PREMIS", "3.0", package.PremisXml(forbundName));
            package.Close($"Lex Heller – {forbundName} – ärenden {period.Label}", forbundName);
        }

        File.Move(partial, target, overwrite: true);
        string sha;
        long size;
        await using (var read = File.OpenRead(target))
        {
            size = read.Length;
            sha = PackageWriter.Hex(await SHA256.HashDataAsync(read, ct));
        }
        return new ArchiveResult(fileName, size, sha, caseIds.Count);
    }

    private static byte[] Description(string objId, string forbundName, string forbundCode, ArchivePeriod period, DateTimeOffset created,
        int cases, int minutes, int compilations)
    {
        var ns = ArchiveCaseRecord.Ns;
        return ArchiveXml.Bytes(new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement(ns + "arkivpaket", new XAttribute("id", objId),
                new XElement(ns + "forbund", new XAttribute("kod", forbundCode), forbundName),
                new XElement(ns + "period", new XElement(ns + "fran", ArchiveCaseRecord.Date(period.From)), new XElement(ns + "till", ArchiveCaseRecord.Date(period.To))),
                new XElement(ns + "skapat", ArchiveCaseRecord.Time(created)),
                new XElement(ns + "programvara", $"{PackageWriter.Software} {PackageWriter.Version}"),
                new XElement(ns + "antal",
                    new XElement(ns + "arenden", cases), new XElement(ns + "protokoll", minutes), new XElement(ns + "sammanstallningar", compilations)),
                new XElement(ns + "urval",
                    "Förbundets ärenden som kom in eller handlades under perioden (utom utkast), med rapportörens identitet utelämnad; " +
                    "justerade protokoll från BUG-möten under perioden; förbundets beräknade sammanställningar vars period ligger inom perioden."))));
    }

    private async Task AuditAsync(BackgroundWork work, string action, string after, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), work.RequestedByUserId, work.ForbundId, action, $"Arkivpaket {work.Parameters}", null, after));
        await db.SaveChangesAsync(ct);
    }

    private sealed class ArchiveFailure(string message) : Exception(message);
}
