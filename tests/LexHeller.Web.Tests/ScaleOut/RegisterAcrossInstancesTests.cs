using System.Diagnostics;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Organisations;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.ScaleOut;

/// <summary>
/// Each instance keeps the register's lists in memory; a change committed through one instance reaches the forms of
/// the other within a second, whichever way it was made (a page's save, a bulk statement, a merge in a transaction).
/// </summary>
public class RegisterAcrossInstancesTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string Reporter = "rapportor@insjoriket.example";

    // The cache reads the version row once a second and has no other expiry: without the row, a change would never
    // reach the other instance. The bound shows that it does, soon; it is not a timing goal (those belong to the
    // benchmark), and a loaded two-core CI machine adds the time of the pages themselves (1.5 s proved too tight).
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(4);

    private AppFactory A => instances.A;
    private AppFactory B => instances.B;

    [Fact]
    public async Task A_category_renamed_through_one_instance_is_offered_renamed_by_the_other_within_a_second()
    {
        using var kansliOnA = await LoginAsync(A, Kansli);
        await kansliOnA.SubmitAsync(await kansliOnA.GetAsync("/kategorier"), Form(("Input.Name", "Namn före bytet")), "form[data-testid=add-category]");
        using var reporterOnB = await LoginAsync(B, Reporter);
        await UntilOfferedAsync(reporterOnB, offered => offered.Contains("Namn före bytet"));

        var id = A.WithDb(db => db.Categories.Single(c => c.Name == "Namn före bytet").Id);
        var form = await kansliOnA.GetAsync($"/kategorier/{id}");
        var renamed = await kansliOnA.SubmitAsync(form, Form(("Input.Name", "Namn efter bytet")));
        Assert.Contains("heter nu ”Namn efter bytet”", renamed.Text);

        var waited = await UntilOfferedAsync(reporterOnB, offered => offered.Contains("Namn efter bytet") && !offered.Contains("Namn före bytet"));
        Assert.True(waited < Within, $"B offered the new name after {waited.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_bulk_rename_and_a_merge_through_one_instance_reach_the_other_within_a_second()
    {
        var (keep, duplicate) = await A.WithDbAsync(async db =>
        {
            var kept = new Organisation("Tvåinstansprovets aktör", OrganisationKind.OtherActor);
            var copy = new Organisation("Tvåinstansprovets aktör (dubblett)", OrganisationKind.OtherActor);
            db.Organisations.AddRange(kept, copy);
            await db.SaveChangesAsync();
            return (kept.Id, copy.Id);
        });
        using var reporterOnB = await LoginAsync(B, Reporter);
        await UntilPartiesAsync(reporterOnB, parties => parties.Contains("Tvåinstansprovets aktör (dubblett)"));

        // A statement outside any transaction, as a script or a maintenance task would run it.
        await A.WithDbAsync(db => db.Organisations.Where(o => o.Id == keep)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Name, "Tvåinstansprovets aktör, nytt namn")));
        var waited = await UntilPartiesAsync(reporterOnB, parties => parties.Contains("Tvåinstansprovets aktör, nytt namn"));
        Assert.True(waited < Within, $"B offered the bulk rename after {waited.TotalMilliseconds:0} ms");

        // The merge: bulk statements and a save in one transaction.
        var administrator = A.WithDb(db => db.Memberships.First(m => m.Role == MembershipRole.Administrator).UserId);
        var merged = await A.WithDbAsync(db => new OrganisationMerge(db, A.Clock).MergeAsync(keep, duplicate, administrator));
        Assert.True(merged.Merged, merged.Refusal);
        waited = await UntilPartiesAsync(reporterOnB, parties => !parties.Contains("Tvåinstansprovets aktör (dubblett)"));
        Assert.True(waited < Within, $"B stopped offering the merged organisation after {waited.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Every_change_to_the_register_moves_the_version_row_in_its_own_transaction()
    {
        Guid Stamp() => B.WithDb(db => db.RegisterVersions.AsNoTracking().Single().Stamp);
        var before = Stamp();

        // A change rolled back leaves the version where it was: the other instances keep their lists.
        await A.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LexHellerDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            (await db.Categories.OrderBy(c => c.Id).FirstAsync()).Rename("Aldrig sparat namn");
            await db.SaveChangesAsync();
            await db.Organisations.Where(o => o.Name == "Försäkringskassan").ExecuteUpdateAsync(s => s.SetProperty(o => o.Name, "Aldrig sparat"));
            await tx.RollbackAsync();
        });
        Assert.Equal(before, Stamp());

        // A filing reads the register but changes none of it.
        await A.FileCaseAsync();
        Assert.Equal(before, Stamp());

        await A.WithDbAsync(async db =>
        {
            (await db.Categories.OrderBy(c => c.Id).FirstAsync(c => c.IsActive)).Rename("Sparat namn för versionen");
            return await db.SaveChangesAsync();
        });
        var afterSave = Stamp();
        Assert.NotEqual(before, afterSave);

        await A.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LexHellerDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.Categories.Where(c => c.Name == "Sparat namn för versionen").ExecuteUpdateAsync(s => s.SetProperty(c => c.SortOrder, c => c.SortOrder));
            // Not before the commit: an instance reading now must not load the old lists under the new version.
            Assert.Equal(afterSave, Stamp());
            await tx.CommitAsync();
        });
        Assert.NotEqual(afterSave, Stamp());
    }

    [Fact]
    public async Task A_case_filed_through_one_instance_is_in_the_others_inbox_at_once()
    {
        using var kansliOnB = await LoginAsync(B, Kansli);
        await kansliOnB.GetAsync("/inkorg");

        using var reporterOnA = await LoginAsync(A, Reporter);
        var form = await reporterOnA.GetAsync("/arenden/ny?typ=avvikelse");
        var filed = await reporterOnA.SubmitAsync(form, Cases.FilingSteps.ValidDeviation(A), "form.case-form", action: "/arenden/ny?handler=Submit");
        Assert.Equal(System.Net.HttpStatusCode.OK, filed.Status);
        var reference = A.WithDb(db => db.Cases.OrderByDescending(c => c.Id).Select(c => c.Reference).First())!;

        Assert.Contains(reference, (await kansliOnB.GetAsync("/inkorg")).Text);
    }

    [Fact]
    public async Task A_login_through_one_instance_is_honoured_by_the_other_without_sticky_sessions()
    {
        using var onA = await LoginAsync(A, Kansli);
        var page = await onA.GetAsync("/kategorier");

        using var onB = new Browserless(B);
        onB.Cookies.Add(onA.Cookies.GetAllCookies());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await onB.GetAsync("/inkorg")).Status);
        // The form was shown by A; its antiforgery token, made with the shared keys, is accepted by B.
        var added = await onB.SubmitAsync(page, Form(("Input.Name", "Lagd till via B")), "form[data-testid=add-category]");
        Assert.Contains("Kategorin ”Lagd till via B” lades till", added.Text);
    }

    private static async Task<Browserless> LoginAsync(AppFactory app, string email)
    {
        var browser = new Browserless(app);
        await browser.LoginAsync(email);
        return browser;
    }

    private static async Task<IReadOnlyList<string>> OfferedAsync(Browserless reporter)
    {
        var form = await reporter.GetAsync("/arenden/ny?typ=avvikelse");
        return form.Document.QuerySelectorAll("#Input_CategoryId option")
            .Where(o => o.GetAttribute("value") is { Length: > 0 }).Select(o => o.TextContent.Trim()).ToList();
    }

    private static async Task<IReadOnlyList<string>> PartiesAsync(Browserless reporter)
    {
        var form = await reporter.GetAsync("/arenden/ny?typ=avvikelse");
        return form.Document.QuerySelectorAll("input[name='Input.PartyIds'] + label").Select(l => l.TextContent.Trim()).ToList();
    }

    private static Task<TimeSpan> UntilOfferedAsync(Browserless reporter, Func<IReadOnlyList<string>, bool> shown) =>
        UntilAsync(() => OfferedAsync(reporter), shown);

    private static Task<TimeSpan> UntilPartiesAsync(Browserless reporter, Func<IReadOnlyList<string>, bool> shown) =>
        UntilAsync(() => PartiesAsync(reporter), shown);

    /// <summary>Asks the page again until it shows what is expected; how long that took, or a failure after five seconds.</summary>
    private static async Task<TimeSpan> UntilAsync(Func<Task<IReadOnlyList<string>>> read, Func<IReadOnlyList<string>, bool> shown)
    {
        var watch = Stopwatch.StartNew();
        IReadOnlyList<string> seen;
        while (!shown(seen = await read()))
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(5)) Assert.Fail("Never shown; the page offered: " + string.Join(", ", seen));
            await Task.Delay(50);
        }
        return watch.Elapsed;
    }
}
