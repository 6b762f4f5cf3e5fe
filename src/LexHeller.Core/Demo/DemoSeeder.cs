using System.Security.Cryptography;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Demo;

public sealed record DemoUser(string Email, string FullName, string Roles);

/// <param name="Activity">The cases, meetings and compilations seeded with the users; null when only the users were.</param>
public sealed record DemoSeedResult(IReadOnlyList<DemoUser> Users, string Password, string TotpSecret, DemoActivityResult? Activity = null);

/// <summary>
/// Fills an empty database with the two förbund of the activity plans, their partner organisations, the
/// default categories and one demo user in every role, and with <c>cases</c> a year of their work
/// (<see cref="DemoActivity"/>). Does nothing when förbund already exist.
/// </summary>
public sealed class DemoSeeder(LexHellerDb db, UserManager<AppUser> users, IUserStore<AppUser> userStore, TimeProvider clock, DemoActivity activity)
{
    public const string AdminEmail = "admin@lexheller.example";
    public const string SharedKansliEmail = "samordnare@lexheller.example";

    private sealed record ForbundSeed(string Name, string Code, string Domain, string[] Municipalities, string Region,
        string KommunRapportorOrg, string[] People);

    private static readonly ForbundSeed[] Seeds =
    [
        new("Samordningsförbundet Insjöriket", "INS", "insjoriket.example",
            ["Mölndals stad", "Partille kommun", "Härryda kommun", "Lerums kommun", "Alingsås kommun"],
            "Västra Götalandsregionen", "Mölndals stad",
            ["Sara Lindqvist", "Johan Bergström", "Maria Holmberg", "Anders Nyström", "Eva Sandberg", "Karin Lundgren", "Peter Ekström", "Lena Forsberg"]),
        new("Samordningsförbundet Södra Norrbotten", "SNB", "sodranorrbotten.example",
            ["Bodens kommun", "Luleå kommun", "Piteå kommun", "Älvsbyns kommun"],
            "Region Norrbotten", "Luleå kommun",
            ["Emma Nilsson", "Oskar Lindberg", "Ingrid Öberg", "Mikael Strand", "Helena Wikström", "Jonas Berg", "Annika Lind", "Per Holm"]),
    ];

    private static readonly string[] OtherActors =
        ["Centrala studiestödsnämnden (CSN)", "Migrationsverket", "Kriminalvården", "Kronofogden", "Pensionsmyndigheten"];

    public async Task<DemoSeedResult?> SeedAsync(string? password, string? totpSecret, bool cases = false, CancellationToken ct = default)
    {
        if (await db.Forbund.AnyAsync(ct)) return null;

        password = string.IsNullOrWhiteSpace(password) ? RandomPassword() : password;
        totpSecret = string.IsNullOrWhiteSpace(totpSecret) ? users.GenerateNewAuthenticatorKey() : totpSecret.Replace(" ", "").ToUpperInvariant();
        // With cases the users have been members since before the first of them was filed.
        var now = cases ? clock.GetUtcNow().AddDays(-DemoActivity.DaysBack - 1) : clock.GetUtcNow();

        var fk = new Organisation("Försäkringskassan", OrganisationKind.Forsakringskassan);
        var af = new Organisation("Arbetsförmedlingen", OrganisationKind.Arbetsformedlingen);
        db.Organisations.AddRange(fk, af);
        db.Organisations.AddRange(OtherActors.Select(n => new Organisation(n, OrganisationKind.OtherActor)));

        var created = new List<(ForbundSeed Seed, Forbund Forbund, List<Organisation> Kommuner, Organisation Region)>();
        foreach (var seed in Seeds)
        {
            var forbund = new Forbund(seed.Name, seed.Code);
            var kommuner = seed.Municipalities.Select(n => new Organisation(n, OrganisationKind.Kommun)).ToList();
            var region = new Organisation(seed.Region, OrganisationKind.Region);
            foreach (var org in kommuner.Append(region).Append(fk).Append(af)) forbund.AddMember(org);
            db.Forbund.Add(forbund);
            created.Add((seed, forbund, kommuner, region));
        }
        await db.SaveChangesAsync(ct);

        foreach (var (_, forbund, _, _) in created)
            db.Categories.AddRange(Category.Defaults.Select((name, i) => new Category(forbund.Id, name, i + 1)));
        await db.SaveChangesAsync(ct);

        var result = new List<DemoUser>();
        foreach (var (seed, forbund, kommuner, region) in created)
        {
            var p = seed.People;
            var d = seed.Domain;
            var kommunOrg = kommuner.Single(k => k.Name == seed.KommunRapportorOrg);
            await AddAsync($"rapportor@{d}", p[0], forbund, MembershipRole.Rapportor, [fk]);
            await AddAsync($"rapportor.kommun@{d}", p[1], forbund, MembershipRole.Rapportor, [kommunOrg]);
            await AddAsync($"kansli@{d}", p[2], forbund, MembershipRole.Kansli, []);
            await AddAsync($"bug.fk@{d}", p[3], forbund, MembershipRole.BugLedamot, [fk]);
            await AddAsync($"bug.af@{d}", p[4], forbund, MembershipRole.BugLedamot, [af]);
            await AddAsync($"bug.kommun@{d}", p[5], forbund, MembershipRole.BugLedamot, kommuner);
            await AddAsync($"bug.region@{d}", p[6], forbund, MembershipRole.BugLedamot, [region]);
            await AddAsync($"styrelse@{d}", p[7], forbund, MembershipRole.Styrelse, []);
        }

        var admin = await CreateUserAsync(AdminEmail, "Lars Ahlgren");
        admin.AddMembership(null, MembershipRole.Administrator, [], now);
        await EnrolAsync(admin);
        result.Add(new(AdminEmail, admin.FullName, "Administratör"));

        // One person working for both förbund shows the förbund switcher in the demo.
        var shared = await CreateUserAsync(SharedKansliEmail, "Sofia Engström");
        foreach (var (_, forbund, _, _) in created) shared.AddMembership(forbund.Id, MembershipRole.Kansli, [], now);
        await EnrolAsync(shared);
        result.Add(new(SharedKansliEmail, shared.FullName, string.Join(", ", created.Select(c => $"Kansli i {c.Forbund.Name}"))));

        if (!cases) return new DemoSeedResult(result, password, totpSecret);
        var demoForbund = created.Select(c => new DemoForbund(c.Forbund.Id, c.Forbund.Code, c.Seed.Domain, fk.Id, af.Id,
            c.Kommuner.Single(k => k.Name == c.Seed.KommunRapportorOrg).Id, c.Region.Id)).ToList();
        return new DemoSeedResult(result, password, totpSecret, await activity.SeedAsync(demoForbund, ct));

        async Task AddAsync(string email, string name, Forbund forbund, MembershipRole role, IEnumerable<Organisation> orgs)
        {
            var user = await CreateUserAsync(email, name);
            var orgList = orgs.ToList();
            user.AddMembership(forbund.Id, role, orgList.Select(o => o.Id), now);
            if (role.RequiresTwoFactor()) await EnrolAsync(user);
            else Check(await users.UpdateAsync(user));
            var orgText = orgList.Count == 0 ? "" : $" ({string.Join(", ", orgList.Select(o => o.Name))})";
            result.Add(new(email, name, $"{role.DisplayName()} i {forbund.Name}{orgText}"));
        }

        async Task<AppUser> CreateUserAsync(string email, string name)
        {
            var user = new AppUser(email, name, now) { EmailConfirmed = true };
            Check(await users.CreateAsync(user, password));
            return user;
        }

        async Task EnrolAsync(AppUser user)
        {
            var store = (IUserAuthenticatorKeyStore<AppUser>)userStore;
            await store.SetAuthenticatorKeyAsync(user, totpSecret, ct);
            user.TwoFactorEnabled = true;
            Check(await users.UpdateAsync(user));
        }
    }

    private static void Check(IdentityResult r)
    {
        if (!r.Succeeded) throw new InvalidOperationException(string.Join("; ", r.Errors.Select(e => e.Description)));
    }

    /// <summary>A random password that meets the password policy.</summary>
    public static string RandomPassword()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789";
        var chars = new char[16];
        for (var i = 0; i < chars.Length; i++)
        {
            var set = (i % 3) switch { 0 => lower, 1 => upper, _ => digits };
            chars[i] = set[RandomNumberGenerator.GetInt32(set.Length)];
        }
        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}-{new string(chars, 12, 4)}";
    }
}
