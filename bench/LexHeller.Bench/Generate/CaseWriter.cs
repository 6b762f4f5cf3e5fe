using Microsoft.Data.Sqlite;

namespace LexHeller.Bench.Generate;

/// <summary>Writes a <see cref="CaseRecord"/> as the rows the app's EF mapping would have written for it.</summary>
internal sealed class CaseWriter(SqliteConnection connection) : IDisposable
{
    private readonly BulkInsert _cases = new(connection, "Cases",
        "Id", "ForbundId", "Kind", "State", "ReporterUserId", "ReporterOrganisationId", "FormKey", "Reference", "ReferenceYear", "ReferenceSequence",
        "EventDate", "CategoryId", "WhatHappened", "Consequences", "Suggestion", "Gender", "AgeBand", "SolvedLocally",
        "HandoverFromOrganisationId", "HandoverToOrganisationId", "HandoverSentDate", "HandoverReceived", "DaysWaited",
        "CreatedAt", "UpdatedAt", "SubmittedAt", "HandlerUserId", "RejectionReason", "RejectionWhereToTurn",
        "Outcome", "Summary", "Answer", "ConcludedAt", "IsPublished", "PublishedAt", "Version");

    private readonly BulkInsert _events = new(connection, "CaseEvents", "Id", "CaseId", "At", "ActorUserId", "ActorRole", "Action", "FromState", "ToState", "Comment");
    private readonly BulkInsert _parties = new(connection, "CaseParties", "Id", "CaseId", "OrganisationId", "OtherActorName");
    private readonly BulkInsert _conflicts = new(connection, "RuleConflicts", "Id", "CaseId", "Position", "PartyAOrganisationId", "PartyAName", "RequirementA", "RuleA",
        "PartyBOrganisationId", "PartyBName", "RequirementB", "RuleB");
    private readonly BulkInsert _questions = new(connection, "CaseQuestions", "Id", "CaseId", "AskedByUserId", "AskedAt", "Question", "Answer", "AnsweredAt");
    private readonly BulkInsert _referrals = new(connection, "CaseReferrals", "Id", "CaseId", "Round", "OrganisationId", "ReferredAt", "DueDate", "Status", "Response",
        "ResponseUpdatedAt", "ResponseUpdatedByUserId", "AnsweredAt", "ReminderSentAt", "OverdueNotifiedAt");
    private readonly BulkInsert _counters = new(connection, "ReferenceCounters", "ForbundId", "Year", "Last");

    private BulkInsert[] All => [_cases, _events, _parties, _conflicts, _questions, _referrals, _counters];

    public SqliteTransaction Transaction
    {
        set
        {
            foreach (var insert in All) insert.Transaction = value;
        }
    }

    public DataGenerator.Counts Counts => new((int)_cases.Rows, (int)_events.Rows, (int)_parties.Rows, (int)_referrals.Rows, (int)_questions.Rows, (int)_conflicts.Rows);

    private static object? Ticks(DateTimeOffset? at) => at?.UtcTicks;

    // Guids as EF Core's SQLite provider stores them: upper-case text.
    private static string Text(Guid g) => g.ToString().ToUpperInvariant();

    public void Write(CaseRecord c)
    {
        _cases.Set(0, c.Id).Set(1, c.ForbundId).Set(2, c.Kind.ToString()).Set(3, c.State.ToString()).Set(4, c.ReporterUserId)
            .Set(5, c.ReporterOrganisationId).Set(6, Text(c.FormKey)).Set(7, c.Reference).Set(8, c.ReferenceYear).Set(9, c.ReferenceSequence)
            .Set(10, DataGenerator.Date(c.EventDate)).Set(11, c.CategoryId).Set(12, c.WhatHappened).Set(13, c.Consequences).Set(14, c.Suggestion)
            .Set(15, c.Gender.ToString()).Set(16, c.AgeBand.ToString()).Set(17, c.SolvedLocally)
            .Set(18, c.HandoverFrom).Set(19, c.HandoverTo).Set(20, c.HandoverSentDate is { } sent ? DataGenerator.Date(sent) : null)
            .Set(21, c.HandoverReceived).Set(22, c.DaysWaited)
            .Set(23, c.CreatedAt.UtcTicks).Set(24, c.UpdatedAt.UtcTicks).Set(25, Ticks(c.SubmittedAt)).Set(26, c.HandlerUserId)
            .Set(27, c.RejectionReason).Set(28, c.RejectionWhereToTurn)
            .Set(29, c.Outcome?.ToString()).Set(30, c.Summary).Set(31, c.Answer).Set(32, Ticks(c.ConcludedAt)).Set(33, c.IsPublished)
            .Set(34, Ticks(c.PublishedAt)).Set(35, c.Events.Count + 1)
            .Run();

        foreach (var e in c.Events)
            _events.Set(0, _events.Rows + 1).Set(1, c.Id).Set(2, e.At.UtcTicks).Set(3, e.ActorUserId).Set(4, e.ActorRole).Set(5, e.Action)
                .Set(6, e.From.ToString()).Set(7, e.To.ToString()).Set(8, e.Comment).Run();
        foreach (var p in c.Parties)
            _parties.Set(0, _parties.Rows + 1).Set(1, c.Id).Set(2, p.OrganisationId).Set(3, p.OtherActorName).Run();
        for (var i = 0; i < c.RuleConflicts.Count; i++)
        {
            var r = c.RuleConflicts[i];
            _conflicts.Set(0, _conflicts.Rows + 1).Set(1, c.Id).Set(2, i + 1).Set(3, r.PartyA.OrganisationId).Set(4, r.PartyA.OtherActorName)
                .Set(5, r.RequirementA).Set(6, r.RuleA).Set(7, r.PartyB.OrganisationId).Set(8, r.PartyB.OtherActorName).Set(9, r.RequirementB).Set(10, r.RuleB).Run();
        }
        foreach (var q in c.Questions)
            _questions.Set(0, _questions.Rows + 1).Set(1, c.Id).Set(2, q.AskedBy).Set(3, q.AskedAt.UtcTicks).Set(4, q.Question).Set(5, q.Answer)
                .Set(6, Ticks(q.AnsweredAt)).Run();
        foreach (var r in c.Referrals)
            _referrals.Set(0, _referrals.Rows + 1).Set(1, c.Id).Set(2, 1).Set(3, r.OrganisationId).Set(4, r.ReferredAt.UtcTicks).Set(5, DataGenerator.Date(r.DueDate))
                .Set(6, r.Status.ToString()).Set(7, r.Response).Set(8, Ticks(r.AnsweredAt)).Set(9, r.ResponderUserId).Set(10, Ticks(r.AnsweredAt))
                .Set(11, null).Set(12, null).Run();
    }

    public void Counter(int forbundId, int year, int last) => _counters.Set(0, forbundId).Set(1, year).Set(2, last).Run();

    public void Dispose()
    {
        foreach (var insert in All) insert.Dispose();
    }
}
