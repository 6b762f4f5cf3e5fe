using LexHeller.Core.Cases;

namespace LexHeller.Core.Tests.Cases;

public class SubmitWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static Case Draft() => Case.NewDraft(1, CaseKind.Avvikelse, "reporter", 7, Guid.NewGuid(), Now);

    [Fact]
    public void The_reporter_submits_a_draft_and_the_event_is_recorded()
    {
        var c = Draft();
        var result = CaseWorkflow.Fire(c, CaseTrigger.Submit, [CaseActor.Reporter], "reporter", Now.AddMinutes(5));
        Assert.True(result.Fired);
        Assert.Equal(CaseState.Inkommen, c.State);
        var e = Assert.Single(c.Events);
        Assert.Equal(("reporter", "Reporter", "Submit", CaseState.Utkast, CaseState.Inkommen), (e.ActorUserId, e.ActorRole, e.Action, e.FromState, e.ToState));
    }

    [Theory]
    [InlineData(CaseActor.Kansli)]
    [InlineData(CaseActor.BugMember)]
    [InlineData(CaseActor.System)]
    public void Nobody_but_the_reporter_submits(CaseActor actor)
    {
        var c = Draft();
        var result = CaseWorkflow.Fire(c, CaseTrigger.Submit, [actor], "someone", Now);
        Assert.False(result.Fired);
        Assert.Equal("Du kan inte göra ”Skicka in” i din roll.", result.Refusal);
        Assert.Equal(CaseState.Utkast, c.State);
        Assert.Empty(c.Events);
    }

    [Fact]
    public void A_submitted_case_cannot_be_submitted_again_or_edited()
    {
        var c = Draft();
        CaseWorkflow.Fire(c, CaseTrigger.Submit, [CaseActor.Reporter], "reporter", Now);
        var again = CaseWorkflow.Fire(c, CaseTrigger.Submit, [CaseActor.Reporter], "reporter", Now);
        Assert.False(again.Fired);
        Assert.Equal("”Skicka in” går inte när ärendet har status ”Inkommen”.", again.Refusal);
        Assert.Single(c.Events);
        Assert.Throws<InvalidOperationException>(() => c.EditDraft(c.Content, Now));
    }

    [Fact]
    public void A_draft_offers_only_submit_to_its_reporter() =>
        Assert.Equal([CaseTrigger.Submit], CaseWorkflow.Permitted(Draft(), [CaseActor.Reporter]));
}
