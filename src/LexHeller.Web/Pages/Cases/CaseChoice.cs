using LexHeller.Core.Cases;

namespace LexHeller.Web.Pages.Cases;

/// <summary>
/// One thing a user may do to a case: a trigger the workflow permits them now, or one of the kansli's edits. Each
/// opens its own page (<see cref="Url"/>) that says what happens and who is told before the user acts.
/// </summary>
/// <param name="Name">The trigger's name, or Correct, Redact, Publish, Unpublish.</param>
/// <param name="Confirmation">What the confirmation page says will happen, for a step that cannot be undone; null
/// when the step is taken straight from its form.</param>
public sealed record CaseChoice(string Name, string Button, string WhatHappens, string WhoIsTold, bool Danger, CaseTrigger? Trigger,
    string? Confirmation)
{
    public const string Correct = nameof(Correct), Redact = nameof(Redact), Publish = nameof(Publish), Unpublish = nameof(Unpublish);

    public string Url(int caseId) => $"/arenden/{caseId}/atgard/{Name}";

    public TriggerSpec? Spec => Trigger?.Spec();

    /// <summary>Publishing, and concluding with publication, is confirmed on a page of its own.</summary>
    public const string Publication = "Sammanfattningen och svaret blir läsbara för alla förbundets användare under Publicerade svar.";

    private const string NobodyTold = "Ingen får något meddelande.";

    /// <summary>The choice of that name, whether or not the user may take it now; null for a name that is none.</summary>
    public static CaseChoice? Named(string? name)
    {
        if (name is null) return null;
        if (Enum.GetNames<CaseTrigger>().Contains(name) && Enum.TryParse<CaseTrigger>(name, out var t))
        {
            var spec = t.Spec();
            return spec.Input == TriggerInputKind.OwnPage ? null : new(name, spec.Button, spec.WhatHappens, spec.WhoIsTold, spec.Danger, t, spec.Confirmation);
        }
        return name switch
        {
            Correct => new(Correct, "Rätta kategori och parter",
                "Ärendets kategori och de berörda parterna ur förbundets register ändras. Andra aktörer som rapportören skrev in står kvar.",
                NobodyTold, false, null, null),
            Redact => new(Redact, "Stryk text",
                $"Texten ersätts med ”{Case.RedactedMark}” överallt i ärendet och dess historik, oavsett stora eller små bokstäver, och sparas ingenstans. Du ser först varje ställe som ändras.",
                NobodyTold, true, null,
                "Texten stryks på ställena nedan. Det går inte att ångra: den strukna texten sparas ingenstans."),
            Publish => new(Publish, "Publicera svaret", Publication + " Du kan återkalla publiceringen.", NobodyTold, false, null,
                Publication + " Förbundets användare kan läsa det så snart du har publicerat."),
            Unpublish => new(Unpublish, "Återkalla publiceringen", "Svaret syns inte längre för förbundets användare. Du kan publicera det igen.",
                NobodyTold, false, null, null),
            _ => null,
        };
    }

    /// <summary>What the user may do to the case now, in the order of the route; the kansli's edits last.</summary>
    public static IReadOnlyList<CaseChoice> For(CasePageQuery.View v)
    {
        var names = v.Permitted.Select(t => t.ToString()).ToList();
        if (v.OffersCorrection) names.Add(Correct);
        if (v.IsKansli && v.Case.State == CaseState.Avslutad) names.Add(v.Case.IsPublished ? Unpublish : Publish);
        if (v.IsKansli && !v.Case.IsDraft) names.Add(Redact);
        return names.Select(Named).OfType<CaseChoice>().ToList();
    }

    /// <summary>The natural next step of the state, shown as the one primary choice; none where there is no obvious one.</summary>
    private static readonly CaseTrigger[] NextSteps =
        [CaseTrigger.ReporterAnswers, CaseTrigger.Take, CaseTrigger.MarkReady, CaseTrigger.StartReview, CaseTrigger.Conclude];

    public static string? Primary(IEnumerable<CaseChoice> choices)
    {
        var offered = choices.Where(c => c.Trigger is not null).Select(c => c.Trigger!.Value).ToHashSet();
        return NextSteps.Where(offered.Contains).Select(t => t.ToString()).FirstOrDefault();
    }
}
