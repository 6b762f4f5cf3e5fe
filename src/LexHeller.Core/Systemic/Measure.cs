namespace LexHeller.Core.Systemic;

/// <summary>What a measure turned out to achieve, as the kansli judged it at follow-up.</summary>
public enum MeasureEffect { Ja, Delvis, Nej, ForTidigtAttSaga }

/// <summary>
/// An åtgärd: what will be done about a case or a systemfel, by which party (or the förbund), by when, and when to
/// look at whether it helped. It is done when the kansli records it so; it is followed up when the kansli records
/// its effect. Due and overdue measures are on the kansli's work queue and in its reminders.
/// </summary>
public class Measure
{
    public const int MaxText = 2000;

    private Measure() { }

    public static Measure Plan(int forbundId, int? caseId, int? systemicProblemId, string description, int? organisationId,
        DateOnly dueDate, DateOnly followUpDate, string userId, DateTimeOffset now)
    {
        if ((caseId is null) == (systemicProblemId is null))
            throw new ArgumentException("A measure belongs to a case or to a systemfel.");
        return new Measure
        {
            ForbundId = forbundId,
            CaseId = caseId,
            SystemicProblemId = systemicProblemId,
            Description = description.Trim(),
            OrganisationId = organisationId,
            DueDate = dueDate,
            FollowUpDate = followUpDate,
            CreatedByUserId = userId,
            CreatedAt = now,
        };
    }

    public int Id { get; private set; }
    public int ForbundId { get; private set; }
    public int? CaseId { get; private set; }
    public int? SystemicProblemId { get; private set; }
    public string Description { get; private set; } = "";

    /// <summary>The party that carries it out; null when the förbund does.</summary>
    public int? OrganisationId { get; private set; }

    public DateOnly DueDate { get; private set; }
    public DateOnly FollowUpDate { get; private set; }
    public string CreatedByUserId { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? DoneAt { get; private set; }
    public string? DoneNote { get; private set; }

    public MeasureEffect? Effect { get; private set; }
    public string? EffectNote { get; private set; }
    public DateTimeOffset? FollowedUpAt { get; private set; }

    /// <summary>When the kansli was last reminded of it, so a reminder goes once per due date and once per follow-up date.</summary>
    public DateOnly? DueRemindedFor { get; private set; }
    public DateOnly? FollowUpRemindedFor { get; private set; }

    public int Version { get; private set; }

    public bool IsDone => DoneAt is not null;
    public bool IsFollowedUp => FollowedUpAt is not null;

    /// <summary>Not done and its due date has passed (Stockholm days).</summary>
    public bool IsOverdue(DateOnly today) => !IsDone && DueDate < today;

    /// <summary>Done, not yet followed up, and its follow-up date has come.</summary>
    public bool FollowUpDue(DateOnly today) => IsDone && !IsFollowedUp && FollowUpDate <= today;

    public void MarkDone(string? note, DateTimeOffset now)
    {
        if (IsDone) throw new InvalidOperationException("The measure is already done.");
        DoneAt = now;
        DoneNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        Version++;
    }

    public void FollowUp(MeasureEffect effect, string? note, DateTimeOffset now)
    {
        if (!IsDone) throw new InvalidOperationException("A measure is followed up once it is done.");
        Effect = effect;
        EffectNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        FollowedUpAt = now;
        Version++;
    }

    internal void RemindedOfDue() => DueRemindedFor = DueDate;

    internal void RemindedOfFollowUp() => FollowUpRemindedFor = FollowUpDate;
}

public static class MeasureEffects
{
    public static string DisplayName(this MeasureEffect effect) => effect switch
    {
        MeasureEffect.Ja => "Ja",
        MeasureEffect.Delvis => "Delvis",
        MeasureEffect.Nej => "Nej",
        MeasureEffect.ForTidigtAttSaga => "För tidigt att säga",
    };
}
