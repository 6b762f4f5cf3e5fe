using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Notifications;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Systemic;

/// <summary>
/// Publication after the parties agree. When the kansli publishes a concluded case that parties answered, each of
/// those parties is first asked to approve the text (its summary and answer): the BUG members who answer for the
/// party get a mail with a due date, and one of them approves it for the party on the case page. The kansli publishes
/// once every party has approved, or after the due date with a reason that is kept on the case. A case no party
/// answered is published at once, as before. The rules are here; <see cref="CaseCommands"/> runs them in the case's
/// own transaction.
/// </summary>
public static class PublicationSignOff
{
    /// <summary>Days the parties have to approve, counted in Stockholm from the day they are asked.</summary>
    public const int DueDays = 14;

    /// <summary>One party's approval as the case page shows it.</summary>
    public sealed record Party(int OrganisationId, string Name, DateOnly DueDate, DateTimeOffset? ApprovedAt, string? ApprovedBy)
    {
        public bool IsApproved => ApprovedAt is not null;
    }

    /// <summary>Where the case's sign-off stands: nothing asked, waiting (and whether the due date has passed), all approved.</summary>
    public sealed record State(IReadOnlyList<Party> Parties, DateOnly Today)
    {
        public bool Requested => Parties.Count > 0;
        public bool AllApproved => Parties.All(p => p.IsApproved);
        public IReadOnlyList<Party> Waiting => Parties.Where(p => !p.IsApproved).ToList();
        public DateOnly? DueDate => Parties.Count == 0 ? null : Parties.Max(p => p.DueDate);
        /// <summary>The due date has passed with some party still to approve: the kansli may publish with a reason.</summary>
        public bool Overdue => Requested && !AllApproved && Today > DueDate;
        /// <summary>Whether the parties asked are exactly <paramref name="partyIds"/>: false when none were asked, or
        /// when the parties that answered have changed since, so they must be asked again.</summary>
        public bool Asked(IEnumerable<int> partyIds) =>
            Requested && Parties.Select(p => p.OrganisationId).Order().SequenceEqual(partyIds.Order());
    }

    public static async Task<State> LoadAsync(LexHellerDb db, int caseId, DateOnly today, CancellationToken ct)
    {
        var rows = await db.PublicationApprovals.AsNoTracking().Where(a => a.CaseId == caseId)
            .Select(a => new
            {
                a.OrganisationId,
                Name = db.Organisations.Where(o => o.Id == a.OrganisationId).Select(o => o.Name).FirstOrDefault(),
                a.DueDate, a.ApprovedAt,
                ApprovedBy = db.Users.Where(u => u.Id == a.ApprovedByUserId).Select(u => u.FullName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return new State(rows.Select(r => new Party(r.OrganisationId, r.Name ?? "", r.DueDate, r.ApprovedAt, r.ApprovedBy))
            .OrderBy(p => p.Name, Stockholm.Comparer).ToList(), today);
    }

    /// <summary>
    /// Asks every party that answered the case to approve its text: one approval each, due in <see cref="DueDays"/>
    /// days, a line in the case's history, an audit entry and a mail to the BUG members who answer for the party. An
    /// earlier request (of a text since changed) is replaced. Nothing is saved; the caller commits it with the rest.
    /// Returns what the kansli is told.
    /// </summary>
    internal static async Task<string> RequestAsync(LexHellerDb db, Case c, string kansliUserId, PublicUrlOptions url, DateTimeOffset now, CancellationToken ct)
    {
        var parties = c.AnsweringPartyIds;
        var due = Stockholm.Today(now).AddDays(DueDays);
        db.PublicationApprovals.RemoveRange(await db.PublicationApprovals.AsTracking().Where(a => a.CaseId == c.Id).ToListAsync(ct));
        foreach (var party in parties) db.PublicationApprovals.Add(new PublicationApproval(c.Id, party, due, now));
        var names = await db.Organisations.Where(o => parties.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var forbund = await db.Forbund.Where(f => f.Id == c.ForbundId).Select(f => f.Name).SingleAsync(ct);
        var link = url.Absolute($"/arenden/{c.Id}#publicering");
        foreach (var party in parties)
            foreach (var member in await Recipients.BugMembersOfAsync(db, c.ForbundId, [party], ct))
                db.Outbox.Add(new ApprovalRequestMail(member.Email ?? "", forbund, c.Reference ?? "", names[party], due, link)
                    .ToOutbox(now, member.UserId, c.ForbundId));
        var who = Stockholm.JoinNames(parties.Select(p => names[p]));
        c.Record(new CaseEvent(now, kansliUserId, CaseActor.Kansli.ToString(), CaseEdit.PublicationRequested.ToString(), c.State, c.State,
            $"{who}, senast {due:yyyy-MM-dd}"));
        db.AuditEntries.Add(new AuditEntry(now, kansliUserId, c.ForbundId, AuditActions.PublicationRequested, CaseCommands.Subject(c), null, who));
        return $"Svaret publiceras när parterna har godkänt texten. {who} har fått ett mejl och ombeds godkänna den senast {due:yyyy-MM-dd}.";
    }

    /// <summary>
    /// Whether the kansli may publish now, and with what: null when it may (every party approved, or none answered);
    /// otherwise the refusal, on the reason's field when only a reason is missing after the due date.
    /// </summary>
    public static CommandResult? CheckPublish(State state, string? reason)
    {
        if (!state.Requested || state.AllApproved) return null;
        var waiting = Stockholm.JoinNames(state.Waiting.Select(p => p.Name));
        if (!state.Overdue)
            return CommandResult.Refused($"{waiting} har inte godkänt texten än. Du kan publicera när alla parter har godkänt, " +
                $"eller utan deras godkännande efter {state.DueDate:yyyy-MM-dd} med en motivering.");
        return string.IsNullOrWhiteSpace(reason)
            ? CommandResult.Refused(null, new FieldError(ReasonField, $"Skriv varför svaret publiceras fast {waiting} inte har godkänt texten."))
            : null;
    }

    /// <summary>The form field of the reason to publish without every party's approval.</summary>
    public const string ReasonField = "PublishReason";

    /// <summary>The longest reason kept.</summary>
    public const int ReasonMax = 2000;
}

/// <summary>To a BUG member: the text of a concluded case waits for their party's approval before it is published.</summary>
public sealed record ApprovalRequestMail(string To, string ForbundName, string Reference, string Party, DateOnly Due, string Url) : MailMessage(To)
{
    public override string Subject => $"{Reference}: godkänn texten före publicering";
    public override string? SenderName => ForbundName;
    public override string Link => Url;

    protected override IEnumerable<string> Paragraphs =>
    [
        "Hej!",
        $"Ärende {Reference} är avslutat och kansliet vill publicera sammanfattningen och svaret för förbundets användare. " +
        $"{Party} har svarat på ärendet och ombeds godkänna texten senast {Due:yyyy-MM-dd}.",
        "Läs texten och godkänn den på ärendets sida. Har du synpunkter, kontakta kansliet. Efter sista dagen kan kansliet publicera utan ert godkännande med en motivering.",
    ];
}

/// <summary>To the case's handler (or the kansli): every party has approved the text, and the answer can be published.</summary>
public sealed record ApprovedMail(string To, string ForbundName, string Reference, string Url) : MailMessage(To)
{
    public override string Subject => $"{Reference}: parterna har godkänt texten";
    public override string? SenderName => ForbundName;
    public override string Link => Url;

    protected override IEnumerable<string> Paragraphs =>
        ["Hej!", $"Alla parter som svarade på ärende {Reference} har godkänt sammanfattningen och svaret. Du kan publicera svaret på ärendets sida."];
}
