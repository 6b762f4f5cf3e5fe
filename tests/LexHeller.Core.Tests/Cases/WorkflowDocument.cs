namespace LexHeller.Core.Tests.Cases;

/// <summary>The page around the generated diagram in docs/case-workflow.md.</summary>
internal static class WorkflowDocument
{
    public static string Render(string mermaid) =>
        "# The case workflow\n\n" +
        "Generated from `CaseWorkflow` (src/LexHeller.Core/Cases/CaseWorkflow.cs) by the test `The_committed_diagram_is_the_machine`;\n" +
        "do not edit by hand. Regenerate with `UPDATE_WORKFLOW_DIAGRAM=1 dotnet test tests/LexHeller.Core.Tests`.\n" +
        "Who may fire each trigger is in the route table of `CaseWorkflow.Routes`.\n\n" +
        "```mermaid\n" + mermaid.Trim() + "\n```\n";
}
