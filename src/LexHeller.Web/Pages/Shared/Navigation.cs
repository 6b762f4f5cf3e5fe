using LexHeller.Core.Identity;
using LexHeller.Web.Identity;

namespace LexHeller.Web.Pages;

public sealed record NavItem(string Title, string Path);

/// <summary>What each role sees in the main menu: only pages the user may open.</summary>
public static class Navigation
{
    /// <param name="member">The logged-in user, if any.</param>
    /// <param name="secondFactorPassed">Whether the user has passed the second factor in this session.</param>
    /// <param name="jobsDashboard">Whether the Hangfire dashboard is mapped (only when Hangfire runs).</param>
    public static IReadOnlyList<NavItem> For(MemberContext? member, bool secondFactorPassed, bool jobsDashboard = false)
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
        if (member.HasAny(MembershipRole.Kansli, MembershipRole.Styrelse))
            items.Add(new("Översikt", "/oversikt"));
        if (member.HasAny(MembershipRole.Kansli, MembershipRole.BugLedamot, MembershipRole.Styrelse))
            items.Add(new("Systemfel", "/systemfel"));
        if (member.HasAny(MembershipRole.Kansli, MembershipRole.BugLedamot, MembershipRole.Styrelse))
            items.Add(new("Sammanställningar", "/sammanstallningar"));
        if (member.Current is not null)
            items.Add(new("Besvarade avvikelser", "/besvarade"));
        if (member.HasAny(MembershipRole.Kansli, MembershipRole.Administrator))
        {
            items.Add(new("Användare", "/anvandare"));
            items.Add(new("Kategorier", "/kategorier"));
            items.Add(new("Inställningar", "/installningar"));
            items.Add(new("API-nycklar", "/api-nycklar"));
            items.Add(new("Ändringslogg", "/andringslogg"));
            items.Add(new("Arkiv och loggar", "/arkiv"));
        }
        if (member.IsAdministrator)
        {
            items.Add(new("Förbund", "/forbund"));
            items.Add(new("Organisationer", "/organisationer"));
            items.Add(new("Inloggning", "/inloggning/leverantorer"));
            items.Add(new("Utskick", "/utskick"));
            items.Add(new("Säkerhetskopior", "/sakerhetskopior"));
            if (jobsDashboard) items.Add(new("Bakgrundsjobb", LexHeller.Web.Setup.JobsSetup.DashboardPath));
        }
        items.Add(new("Mitt konto", "/konto"));
        return items;
    }
}
