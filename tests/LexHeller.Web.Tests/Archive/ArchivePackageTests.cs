using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using LexHeller.Core.Archive;
using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Compilations;
using LexHeller.Core.Meetings;
using LexHeller.Core.Time;
using LexHeller.Core.Work;
using LexHeller.Testing;
using LexHeller.Web.Tests.Bug;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Archive;

/// <summary>
/// "Arkivpaket": the kansli asks for a package for a period; the ZIP that comes out is an E-ARK SIP whose METS and
/// PREMIS validate against the published schemas (shipped beside this test), whose every file is named and
/// checksummed, whose case records validate against our own schema and whose case PDFs are PDF/A and tagged.
/// </summary>
public sealed class ArchivePackageTests : IDisposable
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string OtherKansli = "kansli@sodranorrbotten.example";
    private const string PublicUrl = "https://lexheller.example";
    private static readonly XNamespace Mets = "http://www.loc.gov/METS/";
    private static readonly XNamespace XLink = "http://www.w3.org/1999/xlink";
    private static readonly XNamespace Premis = "http://www.loc.gov/premis/v3";
    private static readonly XNamespace Arende = "urn:lexheller:arende:1";
    private static readonly string SchemaFolder = Path.Combine(AppContext.BaseDirectory, "Archive", "Schemas");

    private readonly AppFactory app = new();

    public void Dispose() => app.Dispose();

    private DateOnly Today => Stockholm.Today(app.Clock.GetUtcNow());

    private async Task<Browserless> LogInAsync(string email)
    {
        var browser = new Browserless(app);
        var landed = await browser.LoginAsync(email);
        Assert.False(landed.Url.StartsWith("/logga-in"), $"{email} was not logged in: {landed.Text}");
        return browser;
    }

    /// <summary>A BUG meeting two days ahead with one information item, held, and its minutes justerade and locked.</summary>
    private async Task<int> MeetingWithMinutesAsync()
    {
        var now = app.Clock.GetUtcNow();
        var meetingId = app.WithDb(db =>
        {
            var m = Meeting.Plan(app.ForbundId("INS"), now.AddDays(2), "Kommunhuset", null, null, 1, now);
            m.AddFreeItem(AgendaItemKind.Information, "Verksamhetsplanen för nästa år", null, now);
            db.Meetings.Add(m);
            db.SaveChanges();
            return m.Id;
        });
        app.Clock.Advance(TimeSpan.FromDays(2).Add(TimeSpan.FromHours(3)));
        using var kansli = await LogInAsync(Kansli);
        var path = $"/moten/{meetingId}/protokoll";
        var fk = app.UserId(BugSteps.BugFk);
        var saved = await kansli.SubmitAsync(await kansli.GetAsync(path), new Dictionary<string, string>
        {
            ["Input.Attendees"] = fk, ["Input.Chair"] = fk, ["Input.Secretary"] = fk, ["Input.Justifiers"] = fk,
        }, "form[action$='handler=Save']");
        Assert.Contains("Utkastet till protokollet sparades.", saved.Text);
        await kansli.SubmitAsync(await kansli.GetAsync(path), Form(("Confirm", "true")), "form[action$='handler=Submit']");
        using var member = await LogInAsync(BugSteps.BugFk);
        var done = await member.SubmitAsync(await member.GetAsync(path), Form(("Confirm", "true")), "form[action$='handler=Justify']");
        Assert.Contains("protokollet är låst", done.Text);
        return meetingId;
    }

    private async Task<int> CompilationAsync(DateOnly from, DateOnly to)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<CompilationService>();
        var (compilation, errors) = await service.RequestAsync(app.ForbundId("INS"),
            new CompilationRequest(CompilationScope.Forbund, from, to, null, null, null), app.UserId(Kansli));
        Assert.Empty(errors);
        Assert.True(await service.ComputeAsync(compilation!.Id, PublicUrl));
        return compilation.Id;
    }

    [Fact]
    public async Task A_package_for_a_period_is_an_E_ARK_SIP_that_validates_with_every_file_named_and_checksummed_and_PDF_A_case_files()
    {
        var from = Today.AddDays(-1);
        var concluded = await app.FileCaseAsync(CaseState.Avslutad);
        var rejected = await app.FileCaseAsync(CaseState.Avvisad);
        var asked = await app.FileCaseAsync(CaseState.KompletteringBegard);
        var elsewhere = await app.FileCaseAsync(CaseState.Inkommen, reporterEmail: "rapportor@sodranorrbotten.example");
        await WhatCameOfItAsync(concluded.Id);
        await CompilationAsync(from, Today);
        await MeetingWithMinutesAsync();
        using var kansli = await LogInAsync(Kansli);
        var till = Today.AddDays(30);

        // The gallring page links here with the period in the query string.
        var form = await kansli.GetAsync($"/arkivpaket?fran={from:yyyy-MM-dd}&till={till:yyyy-MM-dd}");
        Assert.Equal($"{from:yyyy-MM-dd}", form.Document.QuerySelector("input#fran")!.GetAttribute("value"));
        Assert.Equal($"{till:yyyy-MM-dd}", form.Document.QuerySelector("input#till")!.GetAttribute("value"));
        Assert.NotNull(form.Document.QuerySelector("[data-testid=no-packages]"));

        // Hangfire is off in tests, so the page builds the package in the request; the list reads the same.
        var done = await kansli.SubmitAsync(form, new Dictionary<string, string>(), "form.archive-request");

        Assert.Contains("Arkivpaketet är beställt.", done.Text);
        var row = Assert.Single(done.Document.QuerySelectorAll("[data-testid=package]"));
        Assert.Equal(nameof(WorkStatus.Done), row.QuerySelector("[data-testid=work-progress]")!.GetAttribute("data-status"));
        Assert.Contains("3 ärenden", row.TextContent);
        Assert.Null(done.Document.QuerySelector("meta[http-equiv=refresh]"));
        var link = row.QuerySelector("a[data-testid=download]")!;
        using var response = await kansli.Http.GetAsync(link.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), row.QuerySelector("[data-testid=sha256]")!.TextContent);
        Assert.EndsWith(".zip", link.TextContent);

        using var zip = new ZipArchive(new MemoryStream(bytes));
        var root = zip.Entries.Select(e => e.FullName.Split('/')[0]).Distinct().Single();
        byte[] Read(string path)
        {
            using var stream = (zip.GetEntry($"{root}/{path}") ?? throw new Xunit.Sdk.XunitException($"{path} is not in the package")).Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        // METS.xml validates against METS 1.12 with the CSIP and SIP extensions, and carries the profile's attributes.
        var metsBytes = Read("METS.xml");
        Validate(metsBytes, "mets.xsd", "xlink.xsd", "DILCISExtensionMETS.xsd", "DILCISExtensionSIPMETS.xsd");
        var mets = XDocument.Load(new MemoryStream(metsBytes)).Root!;
        XNamespace csip = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS";
        Assert.Equal(root, (string?)mets.Attribute("OBJID"));
        Assert.Equal("https://earksip.dilcis.eu/profile/E-ARK-SIP.xml", (string?)mets.Attribute("PROFILE"));
        Assert.NotNull(mets.Attribute(csip + "CONTENTINFORMATIONTYPE"));
        Assert.NotNull(mets.Attribute("TYPE"));
        var header = mets.Element(Mets + "metsHdr")!;
        Assert.Equal("SIP", (string?)header.Attribute(csip + "OAISPACKAGETYPE"));
        var insName = app.WithDb(db => db.Forbund.Single(f => f.Code == "INS").Name);
        Assert.Equal(["Lex Heller", insName], header.Elements(Mets + "agent").Select(a => (string)a.Element(Mets + "name")!));
        Assert.Equal("CSIP", (string?)mets.Element(Mets + "structMap")!.Attribute("LABEL"));

        // Every file but METS.xml itself is named in the fileSec or in a dmdSec/amdSec reference, with its size and SHA-256.
        var named = mets.Descendants(Mets + "file").Select(f => (Element: f, Href: (string)f.Element(Mets + "FLocat")!.Attribute(XLink + "href")!))
            .Concat(mets.Descendants(Mets + "mdRef").Select(r => (Element: r, Href: (string)r.Attribute(XLink + "href")!)))
            .ToList();
        var inZip = zip.Entries.Where(e => e.Length > 0 || !e.FullName.EndsWith('/')).Select(e => e.FullName[(root.Length + 1)..]).Where(p => p != "METS.xml").Order().ToList();
        Assert.Equal(inZip, named.Select(n => n.Href).Order().ToList());
        foreach (var (element, href) in named)
        {
            var content = Read(href);
            Assert.Equal("SHA-256", (string?)element.Attribute("CHECKSUMTYPE"));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), (string?)element.Attribute("CHECKSUM"));
            Assert.Equal(content.LongLength, (long)element.Attribute("SIZE")!);
            Assert.NotNull(element.Attribute("MIMETYPE"));
            Assert.NotNull(element.Attribute("CREATED"));
        }
        Assert.Contains("metadata/descriptive/arkivpaket.xml", inZip);
        Assert.Contains("metadata/preservation/premis.xml", inZip);
        foreach (var schema in new[] { "mets.xsd", "premis.xsd", "xlink.xsd", "DILCISExtensionMETS.xsd", "DILCISExtensionSIPMETS.xsd", "lexheller-arende.xsd" })
            Assert.Contains($"schemas/{schema}", inZip);

        // PREMIS validates against PREMIS 3.0: an object per file with its SHA-256, and the creation event with its agent.
        var premisBytes = Read("metadata/preservation/premis.xml");
        Validate(premisBytes, "premis.xsd", "xlink.xsd");
        var premis = XDocument.Load(new MemoryStream(premisBytes)).Root!;
        var fixities = premis.Elements(Premis + "object").ToDictionary(
            o => (string)o.Element(Premis + "objectIdentifier")!.Element(Premis + "objectIdentifierValue")!,
            o => (string)o.Descendants(Premis + "messageDigest").Single());
        foreach (var path in inZip.Where(p => p.StartsWith("representations/") || p.StartsWith("schemas/")))
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Read(path))), fixities[path]);
        Assert.Equal("creation", (string?)premis.Element(Premis + "event")!.Element(Premis + "eventType"));
        Assert.Contains(premis.Elements(Premis + "agent"), a => (string?)a.Element(Premis + "agentName") == "Lex Heller");

        // The description validates against our schema and counts what is in the package.
        var description = Read("metadata/descriptive/arkivpaket.xml");
        Validate(description, "lexheller-arende.xsd");
        var counts = XDocument.Load(new MemoryStream(description)).Root!.Element(Arende + "antal")!;
        Assert.Equal(("3", "1", "1"), ((string)counts.Element(Arende + "arenden")!, (string)counts.Element(Arende + "protokoll")!, (string)counts.Element(Arende + "sammanstallningar")!));

        // Each of the förbund's cases is there as XML that validates against our schema, and as a PDF/A that is tagged.
        var data = "representations/rep1/data/arenden/";
        Assert.Equal(new[] { concluded, rejected, asked }.SelectMany(c => new[] { $"{data}{c.Reference}.pdf", $"{data}{c.Reference}.xml" }).Order(),
            inZip.Where(p => p.StartsWith(data)).Order());
        Assert.DoesNotContain(inZip, p => p.Contains(elsewhere.Reference));
        foreach (var c in new[] { concluded, rejected, asked })
        {
            Validate(Read($"{data}{c.Reference}.xml"), "lexheller-arende.xsd");
            var pdf = Read($"{data}{c.Reference}.pdf");
            var xmp = Encoding.Latin1.GetString(pdf);
            Assert.Matches(@"<pdfaid:part>\d</pdfaid:part>", xmp);
            Assert.Contains("/OutputIntents", xmp);
            Assert.Matches(@"(?m)^Tagged:\s+yes$", Poppler("pdfinfo", pdf));
            Assert.Contains($"Ärende {c.Reference}", PdfText.Read(pdf).Flat);
        }

        // The concluded case holds its handling, the parties' answers and how it ended; the rejected one its reason.
        var record = XDocument.Load(new MemoryStream(Read($"{data}{concluded.Reference}.xml"))).Root!;
        Assert.Equal(nameof(CaseState.Avslutad), (string?)record.Element(Arende + "status")!.Attribute("kod"));
        Assert.True(record.Element(Arende + "handelser")!.Elements().Count() >= 6);
        Assert.Contains("Arbetsförmedlingen har infört en kvittens på mottagna remisser.",
            record.Element(Arende + "remisser")!.Elements(Arende + "remiss").Select(r => (string?)r.Element(Arende + "svar")));
        Assert.Equal(nameof(CaseOutcome.ActionByParty), (string?)record.Element(Arende + "avslut")!.Element(Arende + "utfall")!.Attribute("kod"));
        Assert.Equal(["Försäkringskassan", "Arbetsförmedlingen"], record.Element(Arende + "parter")!.Elements().Select(p => p.Value));
        // What came of it: both parties approved the published text; its measure, its systemfel and what its reporter was told.
        var approvals = record.Element(Arende + "avslut")!.Element(Arende + "godkannanden")!.Elements().ToList();
        Assert.Equal(["Arbetsförmedlingen", "Försäkringskassan"], approvals.Select(a => (string?)a.Element(Arende + "part")));
        Assert.All(approvals, a => Assert.NotNull(a.Element(Arende + "godkant")));
        var measure = record.Element(Arende + "atgarder")!.Elements().Single();
        Assert.Equal("Kommunen och Arbetsförmedlingen kvitterar varje remiss.", (string?)measure.Element(Arende + "beskrivning"));
        Assert.Equal(nameof(LexHeller.Core.Systemic.MeasureEffect.Delvis), (string?)measure.Element(Arende + "effekt")!.Attribute("kod"));
        Assert.Equal(["Remisser fastnar mellan kommun och Arbetsförmedlingen"], record.Element(Arende + "systemfel")!.Elements().Select(e => e.Value));
        Assert.Contains("Kvittensen är införd.", record.Element(Arende + "paverkan")!.Elements().Single().Value);
        var rejection = XDocument.Load(new MemoryStream(Read($"{data}{rejected.Reference}.xml"))).Root!.Element(Arende + "avvisning")!;
        Assert.Equal("Gäller en enskild handläggares beslut.", (string?)rejection.Element(Arende + "skal"));
        var question = XDocument.Load(new MemoryStream(Read($"{data}{asked.Reference}.xml"))).Root!.Element(Arende + "fragor")!.Elements().Single();
        Assert.Equal("Vilken enhet skickade remissen?", (string?)question.Element(Arende + "text"));
        // The reporter's identity is not in the archive.
        Assert.DoesNotContain(inZip.Where(p => p.EndsWith(".xml")).Select(p => Encoding.UTF8.GetString(Read(p))), x => x.Contains("rapportor@insjoriket.example"));

        // The period's justerade minutes and its compilation (PDF/A and CSV) are in the representation.
        Assert.Single(inZip, p => p.StartsWith("representations/rep1/data/protokoll/") && p.EndsWith(".pdf"));
        var compilationPdf = Read(Assert.Single(inZip, p => p.StartsWith("representations/rep1/data/sammanstallningar/") && p.EndsWith(".pdf")));
        Assert.Matches(@"(?m)^Tagged:\s+yes$", Poppler("pdfinfo", compilationPdf));
        Assert.Single(inZip, p => p.StartsWith("representations/rep1/data/sammanstallningar/") && p.EndsWith(".csv"));

        // The schemas in the package are the ones the tests validate with.
        foreach (var schema in new[] { "mets.xsd", "premis.xsd", "xlink.xsd", "DILCISExtensionMETS.xsd", "DILCISExtensionSIPMETS.xsd" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(SchemaFolder, schema)), Read($"schemas/{schema}"));

        Assert.Equal([AuditActions.ArchivePackageRequested, AuditActions.ArchivePackageCreated], app.WithDb(db => db.AuditEntries
            .Where(a => a.Action.StartsWith("ArchivePackage")).OrderBy(a => a.Id).Select(a => a.Action).ToList()));
    }

    /// <summary>A measure on the case, done (telling its reporter) and followed up, and a systemfel started from the case.</summary>
    private async Task WhatCameOfItAsync(int caseId)
    {
        var kansli = await app.CaseUserAsync(Kansli);
        var forbund = app.ForbundId("INS");
        await app.WithScopeAsync(async s =>
        {
            var commands = s.GetRequiredService<LexHeller.Core.Systemic.SystemicCommands>();
            var made = await commands.PlanMeasureAsync(kansli, forbund, caseId, null, new LexHeller.Core.Systemic.MeasureInput(
                "Kommunen och Arbetsförmedlingen kvitterar varje remiss.", app.OrganisationId("Arbetsförmedlingen"), Today.AddDays(7), Today.AddDays(30)));
            Assert.Equal(CommandStatus.Done, made.Result.Status);
            Assert.Equal(CommandStatus.Done, (await commands.MarkDoneAsync(kansli, made.Id!.Value, null, null, "Kvittensen är införd.")).Status);
            Assert.Equal(CommandStatus.Done, (await commands.FollowUpAsync(kansli, made.Id!.Value, null, LexHeller.Core.Systemic.MeasureEffect.Delvis, "Färre remisser tappas.")).Status);
            var systemic = await commands.IdentifyAsync(kansli, forbund, new LexHeller.Core.Systemic.SystemicInput("Remisser fastnar mellan kommun och Arbetsförmedlingen",
                "Remisser kvitteras inte.", null, null, [], null, null), caseId);
            Assert.Equal(CommandStatus.Done, systemic.Result.Status);
        });
    }

    [Fact]
    public async Task The_work_row_goes_from_queued_to_running_to_done_with_one_item_per_case_and_the_page_refreshes_until_then()
    {
        await app.FileCaseAsync(CaseState.Avslutad);
        await app.FileCaseAsync(CaseState.Avvisad);
        var kansliId = app.UserId(Kansli);
        var requested = await WithScopeAsync(s => s.GetRequiredService<ArchivePackages>().RequestAsync(app.ForbundId("INS"), kansliId, Today, Today));
        var workId = requested.WorkId!.Value;
        Assert.Equal(WorkStatus.Queued, Work(workId).Status);

        using var kansli = await LogInAsync(Kansli);
        var waiting = await kansli.GetAsync("/arkivpaket");
        Assert.NotNull(waiting.Document.QuerySelector("meta[http-equiv=refresh]"));
        Assert.Equal(nameof(WorkStatus.Queued), waiting.Document.QuerySelector("[data-testid=work-progress]")!.GetAttribute("data-status"));
        Assert.Null(waiting.Document.QuerySelector("a[data-testid=download]"));

        // The job marks the row running with the number of cases as its total before the first case is written.
        await WithScopeAsync(s => s.GetRequiredService<WorkProgress>().StartAsync(workId, 99));
        var running = await kansli.GetAsync("/arkivpaket");
        Assert.Equal(nameof(WorkStatus.Running), running.Document.QuerySelector("[data-testid=work-progress]")!.GetAttribute("data-status"));
        Assert.NotNull(running.Document.QuerySelector("meta[http-equiv=refresh]"));

        await WithScopeAsync(async s => { await s.GetRequiredService<ArchivePackageJob>().RunAsync(workId, CancellationToken.None); return 0; });

        var work = Work(workId);
        Assert.Equal((WorkStatus.Done, 2, 2), (work.Status, work.Total, work.Done));
        Assert.NotNull(work.StartedAt);
        Assert.NotNull(work.FinishedAt);
        var result = ArchiveResult.Parse(work.Result)!;
        Assert.True(File.Exists(Path.Combine(app.Services.GetRequiredService<ArchiveFolder>().Path, result.FileName)));
        var finished = await kansli.GetAsync("/arkivpaket");
        Assert.Null(finished.Document.QuerySelector("meta[http-equiv=refresh]"));
        Assert.NotNull(finished.Document.QuerySelector("a[data-testid=download]"));

        // A job handed out twice does nothing the second time.
        await WithScopeAsync(async s => { await s.GetRequiredService<ArchivePackageJob>().RunAsync(workId, CancellationToken.None); return 0; });
        Assert.Equal(work.FinishedAt, Work(workId).FinishedAt);
        Assert.Single(app.WithDb(db => db.AuditEntries.Where(a => a.Action == AuditActions.ArchivePackageCreated).ToList()));
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_or_holds_no_case_is_refused_next_to_the_field_and_nothing_is_queued()
    {
        await app.FileCaseAsync(CaseState.Inkommen);
        using var kansli = await LogInAsync(Kansli);

        var backwards = await kansli.SubmitAsync(await kansli.GetAsync("/arkivpaket"),
            Form(("fran", $"{Today:yyyy-MM-dd}"), ("till", $"{Today.AddDays(-1):yyyy-MM-dd}")), "form.archive-request");
        Assert.Equal("Sista dagen kan inte ligga före första dagen.", backwards.Document.QuerySelector("#till-error")!.TextContent.Trim());
        Assert.Equal("true", backwards.Document.QuerySelector("input#till")!.GetAttribute("aria-invalid"));
        Assert.Contains("Arkivpaketet är inte beställt", backwards.Document.QuerySelector("[data-testid=error-summary]")!.TextContent);

        var missing = await kansli.SubmitAsync(await kansli.GetAsync("/arkivpaket"), Form(("fran", ""), ("till", "")), "form.archive-request");
        Assert.Equal("Ange första dagen i perioden.", missing.Document.QuerySelector("#fran-error")!.TextContent.Trim());
        Assert.Equal("Ange sista dagen i perioden.", missing.Document.QuerySelector("#till-error")!.TextContent.Trim());

        var empty = await kansli.SubmitAsync(await kansli.GetAsync("/arkivpaket"),
            Form(("fran", "2019-01-01"), ("till", "2019-12-31")), "form.archive-request");
        Assert.Contains("Det finns inga ärenden från perioden 2019-01-01 – 2019-12-31.", empty.ErrorText());

        Assert.Empty(app.WithDb(db => db.BackgroundWork.Where(w => w.Kind == ArchivePackages.Kind).ToList()));
        Assert.Empty(app.WithDb(db => db.AuditEntries.Where(a => a.Action.StartsWith("ArchivePackage")).ToList()));
    }

    [Fact]
    public async Task Another_förbunds_kansli_neither_sees_nor_downloads_the_package_and_the_administrator_reaches_it_by_förbund()
    {
        await app.FileCaseAsync(CaseState.Avslutad);
        await app.FileCaseAsync(CaseState.Inkommen, reporterEmail: "rapportor@sodranorrbotten.example");
        using var kansli = await LogInAsync(Kansli);
        var done = await kansli.SubmitAsync(await kansli.GetAsync("/arkivpaket"),
            Form(("fran", $"{Today:yyyy-MM-dd}"), ("till", $"{Today:yyyy-MM-dd}")), "form.archive-request");
        var href = done.Document.QuerySelector("a[data-testid=download]")!.GetAttribute("href")!;
        var workId = app.WithDb(db => db.BackgroundWork.Single(w => w.Kind == ArchivePackages.Kind).Id);
        var ins = app.ForbundId("INS");

        using var other = await LogInAsync(OtherKansli);
        var theirs = await other.GetAsync("/arkivpaket");
        Assert.NotNull(theirs.Document.QuerySelector("[data-testid=no-packages]"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(href)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/arkivpaket?forbund={ins}&handler=Download&id={workId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/arkivpaket?forbund={ins}")).Status);

        using var admin = await LogInAsync("admin@lexheller.example");
        var listed = await admin.GetAsync($"/arkivpaket?forbund={ins}");
        Assert.Single(listed.Document.QuerySelectorAll("[data-testid=package]"));
        using var download = await admin.Http.GetAsync(listed.Document.QuerySelector("a[data-testid=download]")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));
        Assert.Single(zip.Entries, e => e.FullName.EndsWith(".xml") && e.FullName.Contains("/arenden/"));
    }

    [Fact]
    public async Task A_package_that_cannot_be_written_is_marked_failed_with_the_reason_and_audited()
    {
        // A folder no one can create, even as root: the job fails on its first write.
        using var broken = AppFactory.WithSettings(("Archive:Folder", "/proc/lexheller-arkivpaket"));
        await broken.FileCaseAsync(CaseState.Avslutad);
        using var kansli = new Browserless(broken);
        await kansli.LoginAsync(Kansli);
        var today = Stockholm.Today(broken.Clock.GetUtcNow());

        var page = await kansli.SubmitAsync(await kansli.GetAsync("/arkivpaket"),
            Form(("fran", $"{today:yyyy-MM-dd}"), ("till", $"{today:yyyy-MM-dd}")), "form.archive-request");

        var progress = page.Document.QuerySelector("[data-testid=work-progress]")!;
        Assert.Equal(nameof(WorkStatus.Failed), progress.GetAttribute("data-status"));
        Assert.Contains("Misslyckades", progress.TextContent);
        Assert.Null(page.Document.QuerySelector("a[data-testid=download]"));
        Assert.Null(page.Document.QuerySelector("meta[http-equiv=refresh]"));
        Assert.Equal([AuditActions.ArchivePackageRequested, AuditActions.ArchivePackageFailed], broken.WithDb(db => db.AuditEntries
            .Where(a => a.Action.StartsWith("ArchivePackage")).OrderBy(a => a.Id).Select(a => a.Action).ToList()));
    }

    [Fact]
    public void The_schemas_the_app_ships_are_the_ones_the_tests_validate_with()
    {
        foreach (var name in ArchiveSchemas.Files.Where(n => n != "lexheller-arende.xsd"))
            Assert.Equal(File.ReadAllBytes(Path.Combine(SchemaFolder, name)), ArchiveSchemas.Read(name));
    }

    private BackgroundWork Work(int id) => app.WithDb(db => db.BackgroundWork.AsNoTracking().Single(w => w.Id == id));

    private async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>
    /// Validates against local schema files only: the set has no resolver, so an import pointing at the internet
    /// (mets.xsd's of xlink.xsd) is met by the file added beside it, and nothing is fetched.
    /// </summary>
    private static void Validate(byte[] xml, params string[] schemas)
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        foreach (var name in schemas)
        {
            var path = name == "lexheller-arende.xsd" ? null : Path.Combine(SchemaFolder, name);
            using var stream = path is null ? new MemoryStream(ArchiveSchemas.Read(name)) : (Stream)File.OpenRead(path);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            set.Add(XmlSchema.Read(reader, null)!);
        }
        set.Compile();
        var errors = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema, Schemas = set, XmlResolver = null,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings,
        };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using (var reader = XmlReader.Create(new MemoryStream(xml), settings))
            while (reader.Read()) { }
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private static string Poppler(string tool, byte[] pdf)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, pdf);
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(file);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{tool} failed: {process.StandardError.ReadToEnd()}");
            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
