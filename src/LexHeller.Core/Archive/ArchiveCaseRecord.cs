using System.Globalization;
using System.Xml.Linq;
using LexHeller.Core.Cases;
using LexHeller.Core.Systemic;
using LexHeller.Core.Data;
using LexHeller.Core.Meetings;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Archive;

/// <summary>
/// One case as the archive keeps it: the structured record (<c>&lt;reference&gt;.xml</c>, described by
/// <c>schemas/lexheller-arende.xsd</c>) and the printed case file (<c>&lt;reference&gt;.pdf</c>, PDF/A). Like the
/// case PDF it has no field for the reporter: what is not read here cannot reach the archive.
/// </summary>
internal static class ArchiveCaseRecord
{
    public static readonly XNamespace Ns = "urn:lexheller:arende:1";

    /// <summary>Everything a record reads, for one case.</summary>
    public static IQueryable<Case> Query(LexHellerDb db) => db.Cases.AsNoTracking()
        .Include(c => c.Parties).Include(c => c.RuleConflicts).Include(c => c.Referrals)
        .Include(c => c.Events).Include(c => c.Questions).AsSplitQuery();

    public sealed record Rendered(string Reference, byte[] Xml, byte[] Pdf);

    public static async Task<Rendered> RenderAsync(LexHellerDb db, Case c, string forbundName, string forbundCode, DateTimeOffset now, CancellationToken ct)
    {
        var orgIds = c.Parties.Select(p => p.OrganisationId)
            .Concat(c.RuleConflicts.SelectMany(r => new[] { r.PartyAOrganisationId, r.PartyBOrganisationId }))
            .Concat(c.Referrals.Select(r => (int?)r.OrganisationId))
            .Append(c.HandoverFromOrganisationId).Append(c.HandoverToOrganisationId)
            .OfType<int>().Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        string Name(int? orgId, string? other) => orgId is { } i ? names.GetValueOrDefault(i, "?") : other ?? "–";
        var category = await db.Categories.AsNoTracking().Where(k => k.Id == c.CategoryId).Select(k => k.Name).FirstOrDefaultAsync(ct);
        var decisions = await db.AgendaItems.AsNoTracking()
            .Where(i => i.CaseId == c.Id && i.Decision != null && i.RemovedAt == null)
            .Join(db.Meetings, i => i.MeetingId, m => m.Id, (i, m) => new { m.StartsAt, i.Decision, i.DecisionText, i.DecidedAt })
            .ToListAsync(ct);
        // What came of the case: the parties' approvals of the published text, its measures, the systemfel it is linked
        // to and what its reporter was told had changed.
        var approvals = await db.PublicationApprovals.AsNoTracking().Where(a => a.CaseId == c.Id)
            .Select(a => new { Party = db.Organisations.Where(o => o.Id == a.OrganisationId).Select(o => o.Name).FirstOrDefault(), a.DueDate, a.ApprovedAt })
            .ToListAsync(ct);
        var measures = await db.Measures.AsNoTracking().Where(m => m.CaseId == c.Id).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => new
            {
                m.Description, Party = db.Organisations.Where(o => o.Id == m.OrganisationId).Select(o => o.Name).FirstOrDefault(),
                m.DueDate, m.FollowUpDate, m.DoneAt, m.DoneNote, m.Effect, m.EffectNote, m.FollowedUpAt,
            })
            .ToListAsync(ct);
        var systemic = await db.SystemicProblemCases.AsNoTracking().Where(l => l.CaseId == c.Id)
            .Join(db.SystemicProblems, l => l.SystemicProblemId, p => p.Id, (l, p) => p.Title).OrderBy(t => t).ToListAsync(ct);
        var impacts = await db.CaseImpacts.AsNoTracking().Where(i => i.CaseId == c.Id).OrderBy(i => i.At).ThenBy(i => i.Id)
            .Select(i => new { i.At, i.Text }).ToListAsync(ct);
        var reference = c.Reference ?? $"utan-referens-{c.Id}";
        var parties = c.Parties.Select(p => Name(p.OrganisationId, p.OtherActorName)).ToList();
        var conflicts = c.RuleConflicts.OrderBy(r => r.Position)
            .Select(r => new CasePdfRuleConflict(Name(r.PartyAOrganisationId, r.PartyAName), r.RequirementA, r.RuleA,
                Name(r.PartyBOrganisationId, r.PartyBName), r.RequirementB, r.RuleB)).ToList();
        var referrals = c.Referrals.OrderBy(r => r.Round).ThenBy(r => Name(r.OrganisationId, null), StringComparer.Create(Stockholm.Culture, false)).ToList();

        var xml = new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement(Ns + "arende", new XAttribute("referens", reference),
                Coded("forbund", forbundCode, forbundName),
                Coded("typ", c.Kind.ToString(), c.Kind.DisplayName()),
                Coded("status", c.State.ToString(), c.State.DisplayName()),
                Optional("kategori", category),
                new XElement(Ns + "datum",
                    Optional("handelsedatum", c.EventDate is { } d ? Date(d) : null),
                    new XElement(Ns + "skapad", Time(c.CreatedAt)),
                    Optional("inkommen", c.SubmittedAt is { } s ? Time(s) : null),
                    Optional("avslutad", c.ConcludedAt is { } a ? Time(a) : null),
                    Optional("publicerad", c.PublishedAt is { } p ? Time(p) : null),
                    new XElement(Ns + "senastAndrad", Time(c.UpdatedAt))),
                new XElement(Ns + "parter", parties.Select(p => new XElement(Ns + "part", p))),
                new XElement(Ns + "beskrivning",
                    Optional("vadHande", c.WhatHappened), Optional("konsekvenser", c.Consequences), Optional("forslag", c.Suggestion)),
                c.Kind != CaseKind.Overlamning ? null : new XElement(Ns + "overlamning",
                    Optional("fran", c.HandoverFromOrganisationId is null ? null : Name(c.HandoverFromOrganisationId, null)),
                    Optional("till", c.HandoverToOrganisationId is null ? null : Name(c.HandoverToOrganisationId, null)),
                    Optional("skickad", c.HandoverSentDate is { } sent ? Date(sent) : null),
                    Optional("mottagen", c.HandoverReceived is { } received ? (received ? "true" : "false") : null),
                    Optional("dagarVantade", c.DaysWaited?.ToString(CultureInfo.InvariantCulture))),
                new XElement(Ns + "regelkrockar", conflicts.Select((r, i) => new XElement(Ns + "regelkrock",
                    new XAttribute("nummer", i + 1),
                    new XElement(Ns + "partA", r.PartyA), new XElement(Ns + "kravA", r.RequirementA), Optional("regelA", r.RuleA),
                    new XElement(Ns + "partB", r.PartyB), new XElement(Ns + "kravB", r.RequirementB), Optional("regelB", r.RuleB)))),
                new XElement(Ns + "handelser", c.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new XElement(Ns + "handelse",
                    new XAttribute("tid", Time(e.At)),
                    Coded("atgard", e.Action, ActionName(e.Action)),
                    new XElement(Ns + "roll", e.ActorRole),
                    Coded("franStatus", e.FromState.ToString(), e.FromState.DisplayName()),
                    Coded("tillStatus", e.ToState.ToString(), e.ToState.DisplayName()),
                    Optional("kommentar", e.Comment)))),
                new XElement(Ns + "fragor", c.Questions.OrderBy(q => q.AskedAt).Select(q => new XElement(Ns + "fraga",
                    new XElement(Ns + "stalld", Time(q.AskedAt)), new XElement(Ns + "text", q.Question),
                    Optional("besvarad", q.AnsweredAt is { } at ? Time(at) : null), Optional("svar", q.Answer)))),
                new XElement(Ns + "remisser", referrals.Select(r => new XElement(Ns + "remiss",
                    new XAttribute("omgang", r.Round),
                    new XElement(Ns + "part", Name(r.OrganisationId, null)),
                    new XElement(Ns + "remitterad", Time(r.ReferredAt)),
                    new XElement(Ns + "svarSenast", Date(r.DueDate)),
                    Coded("status", r.Status.ToString(), r.Status.DisplayName()),
                    Optional("besvarad", r.AnsweredAt is { } at ? Time(at) : null),
                    // A draft answer stays with the party; only a submitted one is part of the case.
                    Optional("svar", r.Status == ReferralStatus.Answered ? r.Response : null)))),
                new XElement(Ns + "beslut", decisions.OrderBy(x => x.StartsAt).Select(x => new XElement(Ns + "bugBeslut",
                    new XElement(Ns + "mote", Time(x.StartsAt)),
                    new XElement(Ns + "beslut", x.DecisionText ?? MinutesPdf.DecisionText(x.Decision)),
                    Optional("beslutat", x.DecidedAt is { } at ? Time(at) : null)))),
                c.State != CaseState.Avvisad ? null : new XElement(Ns + "avvisning",
                    Optional("skal", c.RejectionReason), Optional("vartVanda", c.RejectionWhereToTurn)),
                c.State != CaseState.Avslutad || c.Outcome is not { } outcome ? null : new XElement(Ns + "avslut",
                    Coded("utfall", outcome.ToString(), outcome.DisplayName()),
                    new XElement(Ns + "sammanfattning", c.Summary ?? ""),
                    new XElement(Ns + "svar", c.Answer ?? ""),
                    new XElement(Ns + "publicerat", c.IsPublished ? "true" : "false"),
                    Optional("publiceratUtanGodkannande", c.PublishedWithoutApprovalReason),
                    approvals.Count == 0 ? null : new XElement(Ns + "godkannanden", approvals.OrderBy(a => a.Party).Select(a => new XElement(Ns + "godkannande",
                        new XElement(Ns + "part", a.Party ?? "?"), new XElement(Ns + "senast", Date(a.DueDate)),
                        Optional("godkant", a.ApprovedAt is { } at ? Time(at) : null))))),
                measures.Count == 0 ? null : new XElement(Ns + "atgarder", measures.Select(m => new XElement(Ns + "atgard",
                    new XElement(Ns + "beskrivning", m.Description), Optional("part", m.Party),
                    new XElement(Ns + "senast", Date(m.DueDate)), new XElement(Ns + "uppfoljning", Date(m.FollowUpDate)),
                    Optional("genomford", m.DoneAt is { } done ? Time(done) : null), Optional("genomfordAnteckning", m.DoneNote),
                    m.Effect is { } effect ? Coded("effekt", effect.ToString(), effect.DisplayName()) : null,
                    Optional("effektAnteckning", m.EffectNote), Optional("uppfoljd", m.FollowedUpAt is { } f ? Time(f) : null)))),
                systemic.Count == 0 ? null : new XElement(Ns + "systemfel", systemic.Select(t => new XElement(Ns + "rubrik", t))),
                impacts.Count == 0 ? null : new XElement(Ns + "paverkan", impacts.Select(i => new XElement(Ns + "meddelande",
                    new XAttribute("tid", Time(i.At)), i.Text)))));

        var round = referrals.Count == 0 ? 0 : referrals.Max(r => r.Round);
        var pdf = CasePdf.Render(new CasePdfContent(forbundName, reference, c.Kind.DisplayName(), c.State.DisplayName(), category,
            parties, c.EventDate is { } month ? CasePdf.Month(month) : null, c.WhatHappened, c.Consequences, c.Suggestion, conflicts,
            referrals.Select(r => new CasePdfResponse(round > 1 ? $"{Name(r.OrganisationId, null)} (remissomgång {r.Round})" : Name(r.OrganisationId, null),
                r.Status.DisplayName(), r.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                r.Status == ReferralStatus.Answered ? r.Response : null)).ToList(),
            c.Kind != CaseKind.Overlamning ? null : new CasePdfHandover(
                c.HandoverFromOrganisationId is null ? null : Name(c.HandoverFromOrganisationId, null),
                c.HandoverToOrganisationId is null ? null : Name(c.HandoverToOrganisationId, null),
                c.HandoverSentDate is { } hs ? CasePdf.Month(hs) : null,
                c.HandoverReceived switch { true => "Ja", false => "Nej", null => null }, c.DaysWaited),
            Stockholm.Format(now),
            c.State == CaseState.Avslutad && c.Outcome is { } o
                ? new CasePdfConclusion(o.DisplayName(), c.Summary ?? "", c.Answer ?? "",
                    c.IsPublished ? "Svaret är publicerat för förbundets användare." : "Svaret är inte publicerat.")
                : null), pdfA: true);

        return new Rendered(reference, ArchiveXml.Bytes(xml), pdf);
    }

    private static string ActionName(string action) =>
        Enum.TryParse<CaseTrigger>(action, out var t) && Enum.IsDefined(t) ? t.ActionName() : action;

    private static XElement Coded(string name, string code, string text) => new(Ns + name, new XAttribute("kod", code), text);

    private static XElement? Optional(string name, string? value) => string.IsNullOrEmpty(value) ? null : new XElement(Ns + name, value);

    internal static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    internal static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
