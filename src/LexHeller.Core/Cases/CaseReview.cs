namespace LexHeller.Core.Cases;

/// <summary>How a concluded case ended; stored by name.</summary>
public enum CaseOutcome { SolvedLocally, ActionByParty, RaisedToBoard, RaisedAcrossForbund, NoActionPossible }

public enum ReferralStatus { Pending, Answered, ClosedUnanswered }

public static class CaseReviewNames
{
    public static string DisplayName(this CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.SolvedLocally => "Löst lokalt",
        CaseOutcome.ActionByParty => "Åtgärd vidtagen av part",
        CaseOutcome.RaisedToBoard => "Lyft till styrelsen",
        CaseOutcome.RaisedAcrossForbund => "Lyft förbundsgemensamt eller nationellt",
        CaseOutcome.NoActionPossible => "Ingen åtgärd möjlig (känt strukturellt hinder)",
    };

    public static string DisplayName(this ReferralStatus status) => status switch
    {
        ReferralStatus.Pending => "Väntar på svar",
        ReferralStatus.Answered => "Besvarad",
        ReferralStatus.ClosedUnanswered => "Avslutad utan svar",
    };
}

/// <summary>A question from the kansli to the reporter, and the reporter's answer.</summary>
public class CaseQuestion
{
    private CaseQuestion() { }

    internal CaseQuestion(string askedBy, string question, DateTimeOffset now)
    {
        AskedByUserId = askedBy;
        Question = question;
        AskedAt = now;
    }

    public int Id { get; private set; }
    public int CaseId { get; private set; }
    public string AskedByUserId { get; private set; } = "";
    public DateTimeOffset AskedAt { get; private set; }
    public string Question { get; private set; } = "";
    public string? Answer { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }

    internal void Reply(string answer, DateTimeOffset now)
    {
        Answer = answer;
        AnsweredAt = now;
    }

    internal void RewriteQuestion(string text) => Question = text;
    internal void RewriteAnswer(string text) => Answer = text;

    internal void Forget()
    {
        Question = "";
        Answer = Answer is null ? null : "";
    }
}

/// <summary>
/// A party's duty to answer a referred case, and its response: one text per party, written and edited by any
/// of its BUG members until submitted.
/// </summary>
public class CaseReferral
{
    private CaseReferral() { }

    internal CaseReferral(int round, int organisationId, DateOnly dueDate, DateTimeOffset now)
    {
        Round = round;
        OrganisationId = organisationId;
        DueDate = dueDate;
        ReferredAt = now;
        Status = ReferralStatus.Pending;
    }

    public int Id { get; private set; }
    public int CaseId { get; private set; }
    public int Round { get; private set; }
    public int OrganisationId { get; private set; }
    public DateTimeOffset ReferredAt { get; private set; }
    public DateOnly DueDate { get; private set; }
    public ReferralStatus Status { get; private set; }
    public string? Response { get; private set; }
    public DateTimeOffset? ResponseUpdatedAt { get; private set; }
    public string? ResponseUpdatedByUserId { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    /// <summary>When the BUG members were reminded that the answer is due soon.</summary>
    public DateTimeOffset? ReminderSentAt { get; private set; }
    /// <summary>When the kansli was last told the answer is overdue (once, then weekly).</summary>
    public DateTimeOffset? OverdueNotifiedAt { get; private set; }

    internal void SaveDraft(string text, string userId, DateTimeOffset now)
    {
        Response = text;
        ResponseUpdatedAt = now;
        ResponseUpdatedByUserId = userId;
    }

    internal void Submit(string text, string userId, DateTimeOffset now)
    {
        SaveDraft(text, userId, now);
        Status = ReferralStatus.Answered;
        AnsweredAt = now;
    }

    internal void RewriteResponse(string text) => Response = text;

    internal void Forget() => Response = null;

    internal void CloseUnanswered() => Status = ReferralStatus.ClosedUnanswered;
}
