using Stateless;

namespace LexHeller.Core.Cases;

/// <summary>In which capacity a user acts on a case: who may fire which trigger is data, not code.</summary>
public enum CaseActor { Reporter, Kansli, BugMember, System }

/// <summary>A trigger is allowed from these states to that state for these actors.</summary>
public sealed record CaseRoute(CaseTrigger Trigger, CaseState[] From, CaseState To, CaseActor[] Who);

public sealed record FireResult(bool Fired, string? Refusal)
{
    public static readonly FireResult Ok = new(true, null);
}

/// <summary>
/// The one route every case travels, as a Stateless machine over the case's own state. Firing a trigger
/// appends an immutable <see cref="CaseEvent"/>.
/// </summary>
public static class CaseWorkflow
{
    public static readonly IReadOnlyList<CaseRoute> Routes =
    [
        new(CaseTrigger.Submit, [CaseState.Utkast], CaseState.Inkommen, [CaseActor.Reporter]),
    ];

    public static string ActionName(this CaseTrigger trigger) => trigger switch
    {
        CaseTrigger.Submit => "Skicka in",
        CaseTrigger.Withdraw => "Återkalla",
        CaseTrigger.Take => "Ta ärendet",
        CaseTrigger.AskReporter => "Begär komplettering",
        CaseTrigger.ReporterAnswers => "Svara",
        CaseTrigger.ResumeScreening => "Återuppta granskning",
        CaseTrigger.Reject => "Avvisa",
        CaseTrigger.MarkReady => "Redo för BUG",
        CaseTrigger.StartReview => "Behandla i BUG",
        CaseTrigger.Postpone => "Skjut upp",
        CaseTrigger.Refer => "Remittera till part",
        CaseTrigger.PartyAnswers => "Lämna partssvar",
        CaseTrigger.CloseReferral => "Avsluta remiss",
        CaseTrigger.BackToBug => "Till BUG igen",
        CaseTrigger.Conclude => "Avsluta",
        _ => "Återöppna",
    };

    public static string DisplayName(this CaseActor actor) => actor switch
    {
        CaseActor.Reporter => "Rapportör",
        CaseActor.Kansli => "Kansli",
        CaseActor.BugMember => "BUG-ledamot",
        _ => "Systemet",
    };

    private static StateMachine<CaseState, CaseTrigger> Build(Case c, IReadOnlyCollection<CaseActor> actors)
    {
        var machine = new StateMachine<CaseState, CaseTrigger>(() => c.State, s => c.State = s);
        foreach (var route in Routes)
            foreach (var from in route.From)
                machine.Configure(from).PermitIf(route.Trigger, route.To, () => route.Who.Any(actors.Contains), "roll");
        return machine;
    }

    /// <summary>The triggers this user may fire now: the buttons a page offers.</summary>
    public static IReadOnlyList<CaseTrigger> Permitted(Case c, IReadOnlyCollection<CaseActor> actors)
    {
        var machine = Build(c, actors);
        return Enum.GetValues<CaseTrigger>().Where(t => machine.CanFire(t)).ToList();
    }

    /// <summary>
    /// Fires the trigger if the state and the user's capacity allow it; otherwise changes nothing and says why
    /// in Swedish.
    /// </summary>
    public static FireResult Fire(Case c, CaseTrigger trigger, IReadOnlyCollection<CaseActor> actors, string userId, DateTimeOffset now, string? comment = null)
    {
        var machine = Build(c, actors);
        if (!machine.CanFire(trigger))
        {
            var routeExists = Routes.Any(r => r.Trigger == trigger && r.From.Contains(c.State));
            return new FireResult(false, routeExists
                ? $"Du kan inte göra ”{trigger.ActionName()}” i din roll."
                : $"”{trigger.ActionName()}” går inte när ärendet har status ”{c.State.DisplayName()}”.");
        }
        var actor = Routes.First(r => r.Trigger == trigger && r.From.Contains(c.State)).Who.First(actors.Contains);
        machine.OnTransitioned(t =>
            c.Record(new CaseEvent(now, userId, actor.ToString(), t.Trigger.ToString(), t.Source, t.Destination, comment)));
        machine.Fire(trigger);
        c.Touch(now);
        return FireResult.Ok;
    }
}
