using LexHeller.Core.Cases;
using static LexHeller.Core.Cases.CaseActor;
using static LexHeller.Core.Cases.CaseState;
using static LexHeller.Core.Cases.CaseTrigger;

namespace LexHeller.Core.Tests.Cases;

/// <summary>
/// The machine held against the trigger table of DESIGN.md, written out here by hand (never read from the
/// machine): every listed (trigger, state, actor) fires to its state, every other combination is refused.
/// </summary>
public class WorkflowTableTests
{
    private static readonly (CaseTrigger Trigger, CaseState From, CaseState To, CaseActor Who)[] Table =
    [
        (Submit, Utkast, Inkommen, Reporter),
        (Withdraw, Inkommen, Aterkallad, Reporter),
        (Withdraw, KompletteringBegard, Aterkallad, Reporter),
        (Take, Inkommen, UnderGranskning, Kansli),
        (AskReporter, UnderGranskning, KompletteringBegard, Kansli),
        (ReporterAnswers, KompletteringBegard, UnderGranskning, Reporter),
        (ResumeScreening, KompletteringBegard, UnderGranskning, Kansli),
        (Reject, UnderGranskning, Avvisad, Kansli),
        (Reject, KompletteringBegard, Avvisad, Kansli),
        (MarkReady, UnderGranskning, RedoForBug, Kansli),
        (StartReview, RedoForBug, BehandlasIBug, Kansli),
        (StartReview, RedoForBug, BehandlasIBug, CaseActor.System),
        (Postpone, BehandlasIBug, RedoForBug, Kansli),
        (Refer, BehandlasIBug, RemitteradTillPart, Kansli),
        (PartyAnswers, RemitteradTillPart, RemitteradTillPart, BugMember), // more answers due
        (CloseReferral, RemitteradTillPart, Besvarad, Kansli),
        (BackToBug, Besvarad, RedoForBug, Kansli),
        (Conclude, BehandlasIBug, Avslutad, Kansli),
        (Conclude, Besvarad, Avslutad, Kansli),
        (Reopen, Avslutad, UnderGranskning, Kansli),
        (Reopen, Avvisad, UnderGranskning, Kansli),
    ];

    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static Case InState(CaseState state, bool answersOutstanding = true)
    {
        var c = Case.NewDraft(1, CaseKind.Avvikelse, "reporter", 7, Guid.NewGuid(), Now);
        c.State = state;
        if (state == RemitteradTillPart)
        {
            c.Refer([10, 20], new DateOnly(2026, 12, 22), Now);
            if (!answersOutstanding) c.CurrentReferrals.First().Submit("Svar", "bug", Now);
        }
        return c;
    }

    public static IEnumerable<object[]> EveryCombination() =>
        from state in Enum.GetValues<CaseState>()
        from trigger in Enum.GetValues<CaseTrigger>()
        from actor in Enum.GetValues<CaseActor>()
        select new object[] { state, trigger, actor };

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void The_machine_allows_exactly_the_table(CaseState state, CaseTrigger trigger, CaseActor actor)
    {
        var expected = Table.Where(t => t.From == state && t.Trigger == trigger && t.Who == actor).Select(t => (CaseState?)t.To).SingleOrDefault();
        var c = InState(state);
        var result = CaseWorkflow.Fire(c, trigger, [actor], "someone", Now);

        if (expected is null)
        {
            Assert.False(result.Fired, $"{trigger} from {state} by {actor} should be refused");
            Assert.False(string.IsNullOrWhiteSpace(result.Refusal));
            Assert.Equal(state, c.State);
            Assert.Empty(c.Events);
        }
        else
        {
            Assert.True(result.Fired, $"{trigger} from {state} by {actor} should fire: {result.Refusal}");
            Assert.Equal(expected, c.State);
            var e = Assert.Single(c.Events);
            Assert.Equal((state, expected.Value, trigger.ToString(), actor.ToString()), (e.FromState, e.ToState, e.Action, e.ActorRole));
        }
    }

    [Fact]
    public void The_last_party_answer_makes_the_case_answered()
    {
        var c = InState(RemitteradTillPart, answersOutstanding: false);
        c.CurrentReferrals.Last().Submit("Svar", "bug", Now);
        Assert.True(CaseWorkflow.Fire(c, PartyAnswers, [BugMember], "bug", Now).Fired);
        Assert.Equal(Besvarad, c.State);
    }

    [Fact]
    public void A_refusal_explains_in_Swedish_whether_the_state_or_the_role_is_wrong()
    {
        Assert.Equal("Du kan inte göra ”Ta ärendet” i din roll.", CaseWorkflow.Fire(InState(Inkommen), Take, [Reporter], "r", Now).Refusal);
        Assert.Equal("”Ta ärendet” går inte när ärendet har status ”Avslutad”.", CaseWorkflow.Fire(InState(Avslutad), Take, [Kansli], "k", Now).Refusal);
    }

    [Fact]
    public void The_committed_diagram_is_the_machine()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "case-workflow.md");
        var expected = WorkflowDocument.Render(CaseWorkflow.MermaidDiagram());
        if (Environment.GetEnvironmentVariable("UPDATE_WORKFLOW_DIAGRAM") == "1") File.WriteAllText(path, expected);
        Assert.True(File.Exists(path), $"{path} is missing; run the tests once with UPDATE_WORKFLOW_DIAGRAM=1");
        Assert.True(File.ReadAllText(path) == expected,
            "docs/case-workflow.md differs from the machine; run the tests with UPDATE_WORKFLOW_DIAGRAM=1 and commit the result");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LexHeller.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("LexHeller.sln not found above the test folder");
    }
}
