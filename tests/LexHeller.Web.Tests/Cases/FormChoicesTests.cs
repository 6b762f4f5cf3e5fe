using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Organisations;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LexHeller.Web.Tests.Cases.FilingSteps;

namespace LexHeller.Web.Tests.Cases;

/// <summary>
/// The filing form's categories, parties and organisation name are kept in memory; whichever way the register
/// changes (a page's save, a bulk statement, a merge in a transaction), the next form shows the change.
/// </summary>
public class FormChoicesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private sealed record Choices(string Lead, IReadOnlyList<string> Categories, IReadOnlyList<string> Parties);

    private async Task<Browserless> ReporterAsync()
    {
        var reporter = new Browserless(app);
        await reporter.LoginAsync(Reporter);
        return reporter;
    }

    private static async Task<Choices> OfferedAsync(Browserless reporter)
    {
        var form = await reporter.OpenFormAsync();
        return new Choices(
            form.Document.QuerySelector("p.lead")!.TextContent,
            form.Document.QuerySelectorAll("#Input_CategoryId option").Where(o => o.GetAttribute("value") is { Length: > 0 })
                .Select(o => o.TextContent.Trim()).ToList(),
            form.Document.QuerySelectorAll("input[name='Input.PartyIds'] + label").Select(l => l.TextContent.Trim()).ToList());
    }

    private int Insjoriket => app.WithDb(db => db.Forbund.Single(f => f.Code == "INS").Id);

    [Fact]
    public async Task A_category_added_and_renamed_by_saves_is_offered_at_once()
    {
        using var reporter = await ReporterAsync();
        await OfferedAsync(reporter);
        var id = await app.WithDbAsync(async db =>
        {
            var category = new Category(Insjoriket, "Cacheprov", 900);
            db.Categories.Add(category);
            await db.SaveChangesAsync();
            return category.Id;
        });
        Assert.Contains("Cacheprov", (await OfferedAsync(reporter)).Categories);

        await app.WithDbAsync(async db =>
        {
            (await db.Categories.SingleAsync(c => c.Id == id)).Rename("Cacheprov omdöpt");
            return await db.SaveChangesAsync();
        });
        var offered = (await OfferedAsync(reporter)).Categories;
        Assert.Contains("Cacheprov omdöpt", offered);
        Assert.DoesNotContain("Cacheprov", offered);
    }

    [Fact]
    public async Task A_bulk_update_of_the_register_is_offered_at_once()
    {
        using var reporter = await ReporterAsync();
        var organisation = app.WithDb(db => db.Memberships.Where(m => m.User.Email == Reporter && m.Role == MembershipRole.Rapportor)
            .SelectMany(m => m.Organisations).First().OrganisationId);
        var name = app.WithDb(db => db.Organisations.Single(o => o.Id == organisation).Name);
        Assert.Contains(name, (await OfferedAsync(reporter)).Lead);

        await app.WithDbAsync(db => db.Organisations.Where(o => o.Id == organisation)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Name, name + " (nytt namn)")));
        Assert.Contains(name + " (nytt namn)", (await OfferedAsync(reporter)).Lead);

        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Organisations\" SET \"Name\" = {name} WHERE \"Id\" = {organisation}"));
        Assert.DoesNotContain("(nytt namn)", (await OfferedAsync(reporter)).Lead);
    }

    [Fact]
    public async Task A_change_inside_a_transaction_is_offered_once_it_is_committed()
    {
        using var reporter = await ReporterAsync();
        await app.WithDbAsync(async db =>
        {
            db.Categories.Add(new Category(Insjoriket, "Före commit", 901));
            return await db.SaveChangesAsync();
        });
        Assert.Contains("Före commit", (await OfferedAsync(reporter)).Categories);

        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LexHellerDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            (await db.Categories.SingleAsync(c => c.Name == "Före commit")).Rename("Efter commit");
            await db.SaveChangesAsync();
            // A form shown while the change is uncommitted offers (and keeps in memory) the committed name.
            Assert.Contains("Före commit", (await OfferedAsync(reporter)).Categories);
            await tx.CommitAsync();
        });
        var offered = (await OfferedAsync(reporter)).Categories;
        Assert.Contains("Efter commit", offered);
        Assert.DoesNotContain("Före commit", offered);
    }

    [Fact]
    public async Task An_other_actor_merged_into_another_is_no_longer_offered()
    {
        using var reporter = await ReporterAsync();
        var (keep, duplicate) = await app.WithDbAsync(async db =>
        {
            var kept = new Organisation("Cacheprovets aktör", OrganisationKind.OtherActor);
            var copy = new Organisation("Cacheprovets aktör (dubblett)", OrganisationKind.OtherActor);
            db.Organisations.AddRange(kept, copy);
            await db.SaveChangesAsync();
            return (kept.Id, copy.Id);
        });
        Assert.Contains("Cacheprovets aktör (dubblett)", (await OfferedAsync(reporter)).Parties);

        var administrator = app.WithDb(db => db.Memberships.First(m => m.Role == MembershipRole.Administrator).UserId);
        var merged = await app.WithDbAsync(db => new OrganisationMerge(db, app.Clock).MergeAsync(keep, duplicate, administrator));
        Assert.True(merged.Merged, merged.Refusal);

        var parties = (await OfferedAsync(reporter)).Parties;
        Assert.Contains("Cacheprovets aktör", parties);
        Assert.DoesNotContain("Cacheprovets aktör (dubblett)", parties);
    }
}
