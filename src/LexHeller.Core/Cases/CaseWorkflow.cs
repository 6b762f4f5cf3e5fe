using Stateless;

namespace LexHeller.Core.Cases;

/// <summary>The steps of the route; stored by name (a test freezes the names). What each needs is in <see cref="CaseTriggers"/>.</summary>
public enum CaseTrigger
{
    Submit,
    Withdraw,
    Take,
    AskReporter,
    ReporterAnswers,
    ResumeScreening,
    Reject,
    MarkReady,
    StartReview,
    Postpone,
    Refer,
    PartyAnswers,
    CloseReferral,
    BackToBug,
    Conclude,
    Reopen,
}

/// <summary>In which capacity a user acts on a case: who may fire which trigger is data, not code.</summary>
public enum CaseActor { Reporter, Kansli, BugMember, System }

/// <summary>
/// A trigger is allowed from these states to that state for these actors. With <paramref name="WhenComplete"/>
/// the destination is that state once every party has answered.
/// </summary>
public sealed record CaseRoute(CaseTrigger Trigger, CaseState[] From, CaseState To, CaseActor[] Who, CaseState? WhenComplete = null);

/// <param name="Field">The <see cref="TriggerInput"/> property at fault when the refusal is about what the user wrote.</param>
public sealed record FireResult(bool Fired, string? Refusal, string? Field = null)
{
    public static readonly FireResult Ok = new(true, null);
}

/// <summary>
/// The one route every case travels, as a Stateless machine over the case's own state. Firing a trigger
/// appends an immutable <see cref="CaseEvent"/>.
/// </summary>
public static class CaseWorkflow
{
    private static readonly CaseActor[] Reporter = [CaseActor.Reporter];
    private static readonly CaseActor[] Kansli = [CaseActor.Kansli];

    /// <summary>The route of DESIGN.md: which trigger goes from which states to which, for whom.</summary>
    public static readonly IReadOnlyList<CaseRoute> Routes =
    [
        new(CaseTrigger.Submit, [CaseState.Utkast], CaseState.Inkommen, Reporter),
        new(CaseTrigger.Withdraw, [CaseState.Inkommen, CaseState.KompletteringBegard], CaseState.Aterkallad, Reporter),
        new(CaseTrigger.Take, [CaseState.Inkommen], CaseState.UnderGranskning, Kansli),
        new(CaseTrigger.AskReporter, [CaseState.UnderGranskning], CaseState.KompletteringBegard, Kansli),
        new(CaseTrigger.ReporterAnswers, [CaseState.KompletteringBegard], CaseState.UnderGranskning, Reporter),
        new(CaseTrigger.ResumeScreening, [CaseState.KompletteringBegard], CaseState.UnderGranskning, Kansli),
        new(CaseTrigger.Reject, [CaseState.UnderGranskning, CaseState.KompletteringBegard], CaseState.Avvisad, Kansli),
        new(CaseTrigger.MarkReady, [CaseState.UnderGranskning], CaseState.RedoForBug, Kansli),
        new(CaseTrigger.StartReview, [CaseState.RedoForBug], CaseState.BehandlasIBug, [CaseActor.Kansli, CaseActor.System]),
        new(CaseTrigger.Postpone, [CaseState.BehandlasIBug], CaseState.RedoForBug, Kansli),
        new(CaseTrigger.Refer, [CaseState.BehandlasIBug], CaseState.RemitteradTillPart, Kansli),
        new(CaseTrigger.PartyAnswers, [CaseState.RemitteradTillPart], CaseState.RemitteradTillPart, [CaseActor.BugMember], WhenComplete: CaseState.Besvarad),
        new(CaseTrigger.CloseReferral, [CaseState.RemitteradTillPart], CaseState.Besvarad, Kansli),
        new(CaseTrigger.BackToBug, [CaseState.Besvarad], CaseState.RedoForBug, Kansli),
        new(CaseTrigger.Conclude, [CaseState.BehandlasIBug, CaseState.Besvarad], CaseState.Avslutad, Kansli),
        new(CaseTrigger.Reopen, [CaseState.Avslutad, CaseState.Avvisad], CaseState.UnderGranskning, Kansli),
    ];

    public static string DisplayName(this CaseActor actor) => actor switch
    {
        CaseActor.Reporter => "Rapportör",
        CaseActor.Kansli => "Kansli",
        CaseActor.BugMember => "BUG-ledamot",
        CaseActor.System => "Systemet",
    };

    private static StateMachine<CaseState, CaseTrigger> Build(Case c, IReadOnlyCollection<CaseActor> actors)
    {
        var machine = new StateMachine<CaseState, CaseTrigger>(() => c.State, s => c.State = s);
        foreach (var route in Routes)
            foreach (var from in route.From)
            {
                var config = machine.Configure(from);
                var who = string.Join(" eller ", route.Who.Select(a => a.DisplayName()));
                if (route.WhenComplete is { } complete)
                    config.PermitDynamicIf(route.Trigger, () => c.AllReferralsAnswered ? complete : route.To, () => route.Who.Any(actors.Contains), who,
                        possibleDestinationStates: new Stateless.Reflection.DynamicStateInfos { { route.To, "svar återstår" }, { complete, "sista svaret" } });
                else
                    config.PermitIf(route.Trigger, route.To, () => route.Who.Any(actors.Contains), who);
            }
        return machine;
    }

    /// <summary>The machine as a Mermaid state diagram, generated from the machine itself.</summary>
    public static string MermaidDiagram()
    {
        var draft = Case.NewDraft(0, CaseKind.Avvikelse, "", 0, Guid.Empty, DateTimeOffset.UnixEpoch);
        return Stateless.Graph.MermaidGraph.Format(Build(draft, Enum.GetValues<CaseActor>()).GetInfo());
    }

    /// <summary>Why a trigger cannot be fired now, in Swedish.</summary>
    public static FireResult Explain(Case c, CaseTrigger trigger) =>
        new(false, Routes.Any(r => r.Trigger == trigger && r.From.Contains(c.State))
            ? $"Du kan inte göra ”{trigger.ActionName()}” i din roll."
            : $"”{trigger.ActionName()}” går inte när ärendet har status ”{c.State.DisplayName()}”.");

    /// <summary>
    /// The triggers this user may fire now: the buttons a page offers. Read from the route table, the same data the
    /// machine is configured with, so a page view builds no machine; <see cref="Fire"/> still asks the machine.
    /// </summary>
    public static IReadOnlyList<CaseTrigger> Permitted(Case c, IReadOnlyCollection<CaseActor> actors) =>
        Routes.Where(r => r.From.Contains(c.State) && r.Who.Any(actors.Contains)).Select(r => r.Trigger).Distinct().Order().ToList();

    /// <summary>Whether the machine itself would fire the trigger now (the guard every fire passes).</summary>
    public static bool CanFire(Case c, CaseTrigger trigger, IReadOnlyCollection<CaseActor> actors) => Build(c, actors).CanFire(trigger);

    /// <summary>
    /// Fires the trigger if the state and the user's capacity allow it; otherwise changes nothing and says why
    /// in Swedish.
    /// </summary>
    public static FireResult Fire(Case c, CaseTrigger trigger, IReadOnlyCollection<CaseActor> actors, string userId, DateTimeOffset now, string? comment = null)
    {
        var machine = Build(c, actors);
        if (!machine.CanFire(trigger)) return Explain(c, trigger);
        var actor = Routes.First(r => r.Trigger == trigger && r.From.Contains(c.State)).Who.First(actors.Contains);
        machine.OnTransitioned(t =>
            c.Record(new CaseEvent(now, userId, actor.ToString(), t.Trigger.ToString(), t.Source, t.Destination, comment)));
        machine.Fire(trigger);
        c.Touch(now);
        return FireResult.Ok;
    }
}
