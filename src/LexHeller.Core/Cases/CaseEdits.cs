namespace LexHeller.Core.Cases;

/// <summary>
/// Steps stored in a case's history that change the case but not its state, so they are no triggers. Stored by
/// name beside the trigger names (a test freezes both).
/// </summary>
public enum CaseEdit
{
    /// <summary>The kansli corrected category and parties during screening.</summary>
    Corrected,
    /// <summary>The kansli struck a passage; the event records that text was removed, never the text.</summary>
    Redacted,
    /// <summary>The kansli gave the case another handler.</summary>
    Reassigned,
    Published,
    Unpublished,
    /// <summary>A BUG member saved a draft of the party's response.</summary>
    ResponseSaved,
    /// <summary>The kansli asked the parties that answered to approve the text to be published.</summary>
    PublicationRequested,
    /// <summary>A BUG member approved the text to be published for the party they answer for.</summary>
    PublicationApproved,
}

public static class CaseEdits
{
    /// <summary>How the case's history tells the step after the name of who did it.</summary>
    public static string Timeline(this CaseEdit edit) => edit switch
    {
        CaseEdit.Corrected => "rättade kategori och parter",
        CaseEdit.Redacted => "strök text",
        CaseEdit.Reassigned => "fördelade ärendet",
        CaseEdit.Published => "publicerade svaret",
        CaseEdit.Unpublished => "återkallade publiceringen",
        CaseEdit.ResponseSaved => "sparade ett utkast till partens svar",
        CaseEdit.PublicationRequested => "bad parterna godkänna texten före publicering",
        CaseEdit.PublicationApproved => "godkände texten för publicering",
    };

    /// <summary>
    /// How the history tells a stored action after the name of who did it: a trigger, an edit, or (for a name no
    /// longer known) the name itself.
    /// </summary>
    public static string TimelineLabel(CaseEvent e)
    {
        if (Enum.TryParse<CaseEdit>(e.Action, out var edit) && Enum.IsDefined(edit)) return edit.Timeline();
        if (Enum.TryParse<CaseTrigger>(e.Action, out var t) && Enum.IsDefined(t)) return t.Spec().Timeline;
        return e.Action;
    }
}
