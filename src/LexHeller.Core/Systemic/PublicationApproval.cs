namespace LexHeller.Core.Systemic;

/// <summary>
/// A party that answered a concluded case is asked to approve the text before it is published: the BUG member who
/// answers for the party approves it by the due date. The kansli publishes once every party has approved, or after
/// the due date with a recorded reason.
/// </summary>
public class PublicationApproval
{
    private PublicationApproval() { }

    public PublicationApproval(int caseId, int organisationId, DateOnly dueDate, DateTimeOffset now)
    {
        CaseId = caseId;
        OrganisationId = organisationId;
        DueDate = dueDate;
        RequestedAt = now;
    }

    public int CaseId { get; private set; }
    public int OrganisationId { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public DateOnly DueDate { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public string? ApprovedByUserId { get; private set; }

    public bool IsApproved => ApprovedAt is not null;

    public void Approve(string userId, DateTimeOffset now)
    {
        if (IsApproved) return;
        ApprovedAt = now;
        ApprovedByUserId = userId;
    }
}
