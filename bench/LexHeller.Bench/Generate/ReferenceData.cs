using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Bench.Generate;

/// <summary>The people of one förbund that generated cases refer to.</summary>
internal sealed record ForbundPeople(
    ForbundInfo Info,
    IReadOnlyList<int> OtherActorIds,
    IReadOnlyList<(string UserId, int OrganisationId)> Reporters,
    IReadOnlyList<string> Kansli,
    IReadOnlyList<(string UserId, int OrganisationId)> BugMembers);

/// <summary>
/// Creates the schema with the app's own migrations, then the few rows that are not bulk (förbund, organisations,
/// categories, users) through the app's entities and ASP.NET Core Identity, so passwords, security stamps and
/// authenticator keys are exactly what the app would write.
/// </summary>
internal static class ReferenceData
{
    private sealed record Seed(string Name, string Code, string[] Municipalities, string Region);

    private static readonly Seed[] Seeds =
    [
        new("Samordningsförbundet Älvdalen", "ALV",
            ["Älvby kommun", "Forsa kommun", "Norrmo kommun", "Sjöhamn kommun", "Bergvik kommun", "Lövsta kommun"], "Region Älvlandet"),
        new("Samordningsförbundet Kustlandet", "KUS", ["Kustby kommun", "Hamnstad kommun", "Skärvik kommun", "Näsby kommun"], "Region Kustlandet"),
    ];

    private static readonly string[] OtherActors =
        ["Centrala studiestödsnämnden (CSN)", "Migrationsverket", "Kriminalvården", "Kronofogden", "Pensionsmyndigheten"];

    private const int ReportersPerForbund = 60;
    private const int ExtraKansliPerForbund = 2;

    public static ServiceProvider Services(string connectionString, bool postgres = false)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        // PostgreSQL's compiled model is named, as the app names it: EF Core would otherwise find the SQLite one.
        services.AddDbContext<LexHellerDb>(o =>
        {
            if (postgres)
                o.UseNpgsql(connectionString, s => s.MigrationsAssembly("LexHeller.Migrations.Postgres"))
                    .UseModel(LexHeller.Core.Data.CompiledModelPostgres.LexHellerDbModel.Instance);
            else
                o.UseSqlite(connectionString, s => s.MigrationsAssembly("LexHeller.Migrations.Sqlite"));
        });
        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // The app's password policy, so the benchmark password is one the app itself would accept.
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 6;
            })
            .AddEntityFrameworkStores<LexHellerDb>();
        return services.BuildServiceProvider();
    }

    public static async Task<IReadOnlyList<ForbundPeople>> CreateAsync(IServiceProvider services, DateTimeOffset now)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LexHellerDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var keys = (IUserAuthenticatorKeyStore<AppUser>)scope.ServiceProvider.GetRequiredService<IUserStore<AppUser>>();

        var fk = new Organisation("Försäkringskassan", OrganisationKind.Forsakringskassan);
        var af = new Organisation("Arbetsförmedlingen", OrganisationKind.Arbetsformedlingen);
        var others = OtherActors.Select(n => new Organisation(n, OrganisationKind.OtherActor)).ToList();
        db.Organisations.AddRange(others.Prepend(af).Prepend(fk));
        var created = new List<(Seed Seed, Forbund Forbund, List<Organisation> Partners)>();
        foreach (var seed in Seeds)
        {
            var forbund = new Forbund(seed.Name, seed.Code);
            forbund.ShareCompilations(true);
            var partners = seed.Municipalities.Select(n => new Organisation(n, OrganisationKind.Kommun))
                .Append(new Organisation(seed.Region, OrganisationKind.Region)).Prepend(af).Prepend(fk).ToList();
            foreach (var org in partners) forbund.AddMember(org);
            db.Forbund.Add(forbund);
            created.Add((seed, forbund, partners));
        }
        await db.SaveChangesAsync();
        foreach (var (_, forbund, _) in created)
            db.Categories.AddRange(Category.Defaults.Select((name, i) => new Category(forbund.Id, name, i + 1)));
        await db.SaveChangesAsync();

        var result = new List<ForbundPeople>();
        var benchReporter = true;
        foreach (var (seed, forbund, partners) in created)
        {
            var code = seed.Code.ToLowerInvariant();
            var categoryIds = await db.Categories.Where(c => c.ForbundId == forbund.Id).OrderBy(c => c.SortOrder).Select(c => c.Id).ToListAsync();

            // The benchmark's reporter files for Försäkringskassan in the first förbund; its kansli logs in with TOTP.
            if (benchReporter)
            {
                await AddAsync(BenchUsers.ReporterEmail, "Bänk Rapportör", forbund.Id, MembershipRole.Rapportor, [fk.Id], password: true, totp: false);
                benchReporter = false;
            }
            var kansli = new List<string>
            {
                (await AddAsync(BenchUsers.KansliEmail(seed.Code), $"Bänk Kansli {seed.Code}", forbund.Id, MembershipRole.Kansli, [], password: true, totp: true)).Id,
            };
            for (var i = 1; i <= ExtraKansliPerForbund; i++)
                kansli.Add((await AddAsync($"kansli{i}.{code}@bench.example", $"Handläggare {i} {seed.Code}", forbund.Id, MembershipRole.Kansli, [], password: false, totp: false)).Id);

            var bug = new List<(string, int)>();
            foreach (var (org, i) in partners.Select((o, i) => (o, i)))
                bug.Add(((await AddAsync($"bug{i}.{code}@bench.example", $"Ledamot {i} {seed.Code}", forbund.Id, MembershipRole.BugLedamot, [org.Id], password: false, totp: false)).Id, org.Id));

            var reporters = new List<(string, int)>();
            for (var i = 0; i < ReportersPerForbund; i++)
            {
                var org = partners[i % partners.Count];
                reporters.Add(((await AddAsync($"rapportor{i}.{code}@bench.example", $"Rapportör {i} {seed.Code}", forbund.Id, MembershipRole.Rapportor, [org.Id], password: false, totp: false)).Id, org.Id));
            }

            var info = new ForbundInfo(forbund.Id, forbund.Code, forbund.Name, categoryIds, partners.Select(p => p.Id).ToList(), BenchUsers.KansliEmail(seed.Code));
            result.Add(new ForbundPeople(info, others.Select(o => o.Id).ToList(), reporters, kansli, bug));
        }
        return result;

        async Task<AppUser> AddAsync(string email, string name, int forbundId, MembershipRole role, int[] organisations, bool password, bool totp)
        {
            var user = new AppUser(email, name, now) { EmailConfirmed = true };
            user.AddMembership(forbundId, role, organisations, now);
            Check(password ? await users.CreateAsync(user, BenchUsers.Password) : await users.CreateAsync(user));
            if (!totp) return user;
            await keys.SetAuthenticatorKeyAsync(user, BenchUsers.TotpSecret, CancellationToken.None);
            user.TwoFactorEnabled = true;
            Check(await users.UpdateAsync(user));
            return user;
        }
    }

    private static void Check(IdentityResult r)
    {
        if (!r.Succeeded) throw new BenchException("creating a benchmark user failed: " + string.Join("; ", r.Errors.Select(e => e.Description)));
    }
}
