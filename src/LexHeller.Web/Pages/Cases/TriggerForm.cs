using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Cases;

namespace LexHeller.Web.Pages.Cases;

/// <summary>
/// What the user writes for a workflow trigger, bound as "Input": on the case page, and on the meeting page where the
/// kansli records decisions at the table.
/// </summary>
public class TriggerFormInput
{
    [StringLength(CaseActions.NoteMax, ErrorMessage = "Högst {1} tecken.")] public string? Question { get; set; }
    [StringLength(CaseActions.AnswerMax, ErrorMessage = "Högst {1} tecken.")] public string? ReporterAnswer { get; set; }
    [StringLength(CaseActions.NoteMax, ErrorMessage = "Högst {1} tecken.")] public string? Note { get; set; }
    [StringLength(CaseActions.NoteMax, ErrorMessage = "Högst {1} tecken.")] public string? Reason { get; set; }
    [StringLength(CaseActions.NoteMax, ErrorMessage = "Högst {1} tecken.")] public string? WhereToTurn { get; set; }
    public List<int> ReferTo { get; set; } = [];
    public DateOnly? DueDate { get; set; }
    public CaseOutcome? Outcome { get; set; }
    [StringLength(CaseActions.AnswerMax, ErrorMessage = "Högst {1} tecken.")] public string? Summary { get; set; }
    [StringLength(CaseActions.AnswerMax, ErrorMessage = "Högst {1} tecken.")] public string? Answer { get; set; }
    public bool Publish { get; set; }
    public bool ConfirmWithdraw { get; set; }

    public TriggerInput ForTrigger() => new()
    {
        Question = Question, ReporterAnswer = ReporterAnswer, Note = Note, Reason = Reason, WhereToTurn = WhereToTurn,
        ReferTo = ReferTo, DueDate = DueDate, Outcome = Outcome, Summary = Summary, Answer = Answer, Publish = Publish,
        ConfirmWithdraw = ConfirmWithdraw,
    };
}

/// <summary>
/// One trigger's part of a form, rendered by the partial of its input kind (_Trigger{Kind}.cshtml).
/// </summary>
/// <param name="Partners">The förbund's partners, for a referral.</param>
/// <param name="IdPrefix">Keeps element ids unique where the same form appears once per agenda item.</param>
/// <param name="Error">A field's error message by its <see cref="TriggerInput"/> property name; empty when none.</param>
public sealed record TriggerForm(CaseTrigger Trigger, TriggerSpec Spec, TriggerFormInput Input, IReadOnlyList<CasePageQuery.Option> Partners,
    string IdPrefix, Func<string, string> Error);
