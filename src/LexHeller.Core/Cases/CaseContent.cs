namespace LexHeller.Core.Cases;

/// <summary>A party a case concerns: an organisation of the register, or a named actor outside it.</summary>
public sealed record PartyRef(int? OrganisationId, string? OtherActorName);

/// <summary>One Catch-22: what party A requires against what party B requires, and the rule each rests on.</summary>
public sealed record RuleConflictContent(PartyRef PartyA, string RequirementA, string? RuleA, PartyRef PartyB, string RequirementB, string? RuleB);

/// <summary>Everything the reporter writes in the form; a draft may leave required parts empty.</summary>
public sealed record CaseContent(
    DateOnly? EventDate,
    int? CategoryId,
    string? WhatHappened,
    string? Consequences,
    string? Suggestion,
    Gender? Gender,
    AgeBand? AgeBand,
    bool? SolvedLocally,
    IReadOnlyList<PartyRef> Parties,
    IReadOnlyList<RuleConflictContent> RuleConflicts,
    int? HandoverFromOrganisationId = null,
    int? HandoverToOrganisationId = null,
    DateOnly? HandoverSentDate = null,
    bool? HandoverReceived = null,
    int? DaysWaited = null,
    IReadOnlyList<NameCheck>? NamesConfirmed = null)
{
    public const int WhatHappenedMax = 4000;
    public const int ConsequencesMax = 2000;
    public const int SuggestionMax = 2000;
    public const int OtherActorMax = 200;
    public const int RequirementMax = 1000;
    public const int RuleMax = 200;
    public const int MaxRuleConflicts = 5;

    /// <summary>Every free text of the content with a field key, for the personal-data guard.</summary>
    public IEnumerable<(string Field, string Text)> FreeTexts()
    {
        if (WhatHappened is { } w) yield return ("WhatHappened", w);
        if (Consequences is { } c) yield return ("Consequences", c);
        if (Suggestion is { } s) yield return ("Suggestion", s);
        for (var i = 0; i < Parties.Count; i++)
            if (Parties[i].OtherActorName is { } n) yield return ($"OtherActor", n);
        for (var i = 0; i < RuleConflicts.Count; i++)
        {
            var r = RuleConflicts[i];
            yield return ($"RuleConflicts[{i}].RequirementA", r.RequirementA);
            yield return ($"RuleConflicts[{i}].RequirementB", r.RequirementB);
            if (r.RuleA is { } a) yield return ($"RuleConflicts[{i}].RuleA", a);
            if (r.RuleB is { } b) yield return ($"RuleConflicts[{i}].RuleB", b);
            if (r.PartyA.OtherActorName is { } pa) yield return ($"RuleConflicts[{i}].PartyA", pa);
            if (r.PartyB.OtherActorName is { } pb) yield return ($"RuleConflicts[{i}].PartyB", pb);
        }
    }
}
