namespace LexHeller.Core.Systemic;

/// <summary>
/// Two cases of one förbund that the kansli judged alike. Stored once, with the lower id first; read in both directions.
/// </summary>
public class CaseLink
{
    private CaseLink() { }

    public CaseLink(int caseId, int otherCaseId, string userId, DateTimeOffset now)
    {
        if (caseId == otherCaseId) throw new ArgumentException("A case is not linked to itself.");
        CaseId = Math.Min(caseId, otherCaseId);
        OtherCaseId = Math.Max(caseId, otherCaseId);
        LinkedByUserId = userId;
        LinkedAt = now;
    }

    public int CaseId { get; private set; }
    public int OtherCaseId { get; private set; }
    public string LinkedByUserId { get; private set; } = "";
    public DateTimeOffset LinkedAt { get; private set; }
}

/// <summary>
/// One line of a case's impact ledger: something that changed since the person reported, told in the published words
/// of the measure or the systemfel (never another case's content). The reporter reads it on their case page and gets
/// it by mail.
/// </summary>
public class CaseImpact
{
    public const int MaxText = 4000;

    private CaseImpact() { }

    public CaseImpact(int caseId, int? measureId, int? systemicProblemId, string text, DateTimeOffset now)
    {
        CaseId = caseId;
        MeasureId = measureId;
        SystemicProblemId = systemicProblemId;
        Text = text;
        At = now;
    }

    public long Id { get; private set; }
    public int CaseId { get; private set; }
    public int? MeasureId { get; private set; }
    public int? SystemicProblemId { get; private set; }
    public string Text { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
}
