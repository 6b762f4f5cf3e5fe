using LexHeller.Core.Identity;

namespace LexHeller.Core.Cases;

/// <summary>
/// Who may open a case (DESIGN.md): the reporter always; every user of the förbund once the answer is published;
/// the kansli everything but other people's drafts; BUG members from "Redo för BUG" on. Anyone else gets 404.
/// </summary>
public static class CaseVisibility
{
    public static readonly CaseState[] BugStates =
        [CaseState.RedoForBug, CaseState.BehandlasIBug, CaseState.RemitteradTillPart, CaseState.Besvarad, CaseState.Avslutad];

    /// <param name="roles">The viewer's active roles in the case's förbund.</param>
    public static bool CanView(Case c, string userId, IReadOnlyCollection<MembershipRole> roles)
    {
        if (c.ReporterUserId == userId) return true;
        if (c.IsDraft) return false;
        if (roles.Contains(MembershipRole.Kansli)) return true;
        if (roles.Contains(MembershipRole.BugLedamot) && BugStates.Contains(c.State)) return true;
        return roles.Count > 0 && c.State == CaseState.Avslutad && c.IsPublished;
    }

    /// <summary>The capacities in which a user may act on the case.</summary>
    public static IReadOnlyCollection<CaseActor> ActorsFor(Case c, string userId, IReadOnlyCollection<MembershipRole> roles)
    {
        var actors = new List<CaseActor>();
        if (c.ReporterUserId == userId) actors.Add(CaseActor.Reporter);
        if (roles.Contains(MembershipRole.Kansli)) actors.Add(CaseActor.Kansli);
        if (roles.Contains(MembershipRole.BugLedamot)) actors.Add(CaseActor.BugMember);
        return actors;
    }
}
