using LexHeller.Core.Identity;
using LexHeller.Web.Identity;

namespace LexHeller.Web.Pages;

public sealed record NavItem(string Title, string Path);

/// <summary>What each role sees in the main menu: only pages the user may open.</summary>
public static class Navigation
{
    public static IReadOnlyList<NavItem> For(MemberContext? member, bool secondFactorPassed)
    {
        // Until a privileged user has passed the second factor there is nothing they may open.
        if (member is null || (member.RequiresTwoFactor && !secondFactorPassed)) return [];
        var items = new List<NavItem> { new("Start", "/") };
        if (member.Has(MembershipRole.Rapportor))
        {
            items.Add(new("Ny rapport", "/arenden/ny"));
            items.Add(new("Mina ärenden", "/arenden/mina"));
        }
        if (member.Has(MembershipRole.Kansli))
            items.Add(new("Inkorg", "/inkorg"));
        if (member.Has(MembershipRole.BugLedamot))
            items.Add(new("Att besvara", "/att-besvara"));
        if (member.HasAny(MembershipRole.Kansli, MembershipRole.BugLedamot))
            items.Add(new("BUG-möten", "/moten"));
        if (member.Current is not null)
            items.Add(new("Besvarade avvikelser", "/besvarade"));
        if (member.HasAny(MembershipRole.Kansli, MembershipRole.Administrator))
            items.Add(new("Användare", "/anvandare"));
        if (member.IsAdministrator)
            items.Add(new("Förbund", "/forbund"));
        items.Add(new("Mitt konto", "/konto"));
        return items;
    }
}
