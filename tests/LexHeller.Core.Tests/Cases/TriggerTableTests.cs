using LexHeller.Core.Cases;

namespace LexHeller.Core.Tests.Cases;

/// <summary>The buttons a page offers come from the route table without a machine; the machine still guards every fire.</summary>
public class TriggerTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    public static IEnumerable<object[]> EveryStateAndCapacity() =>
        from state in Enum.GetValues<CaseState>()
        from actors in new CaseActor[][]
        {
            [], [CaseActor.Reporter], [CaseActor.Kansli], [CaseActor.BugMember], [CaseActor.System],
            [CaseActor.Reporter, CaseActor.Kansli], [CaseActor.Kansli, CaseActor.BugMember],
        }
        from answersOutstanding in new[] { true, false }
        select new object[] { state, actors, answersOutstanding };

    [Theory]
    [MemberData(nameof(EveryStateAndCapacity))]
    public void The_offered_buttons_are_exactly_what_the_machine_would_fire(CaseState state, CaseActor[] actors, bool answersOutstanding)
    {
        var c = Case.NewDraft(1, CaseKind.Avvikelse, "reporter", 7, Guid.NewGuid(), Now);
        c.State = state;
        if (state == CaseState.RemitteradTillPart)
        {
            c.Refer([10, 20], new DateOnly(2026, 12, 22), Now);
            if (!answersOutstanding) c.CurrentReferrals.First().Submit("Svar", "bug", Now);
        }
        var byMachine = Enum.GetValues<CaseTrigger>().Where(t => CaseWorkflow.CanFire(c, t, actors));
        Assert.Equal(byMachine, CaseWorkflow.Permitted(c, actors));
    }

    [Fact]
    public void Every_trigger_has_a_button_a_past_tense_and_a_timeline_label()
    {
        foreach (var t in Enum.GetValues<CaseTrigger>())
        {
            var spec = t.Spec();
            Assert.False(string.IsNullOrWhiteSpace(spec.Button), $"{t} has no button");
            Assert.EndsWith(".", spec.Done);
            Assert.False(string.IsNullOrWhiteSpace(spec.Timeline), $"{t} has no timeline label");
        }
    }

    [Fact]
    public void The_BUG_decisions_are_the_ones_a_meeting_takes() => Assert.Equal(
        [CaseTrigger.Postpone, CaseTrigger.Refer, CaseTrigger.Conclude],
        Enum.GetValues<CaseTrigger>().Where(t => t.Spec().IsBugDecision));

    [Fact]
    public void A_step_is_told_in_plain_past_tense() => Assert.Equal("Du har tagit ärendet. Rapportören får inget meddelande.", CaseTrigger.Take.Spec().Done);
}
