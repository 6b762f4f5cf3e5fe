using System.Net;
using LexHeller.Core.Cases;
using LexHeller.Testing;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Systemic;

/// <summary>
/// The joint register through the pages of two förbund: nothing crosses before both opt in on their settings page;
/// then the other förbund reads the systemfel with suppressed counts and links only its own cases, the owner sees the
/// count grow, and the owner leaving takes the other förbund's links out of every view at once.
/// </summary>
public sealed class RegisterTests : IDisposable
{
    private readonly AppFactory app = new();

    public void Dispose() => app.Dispose();

    private static async Task OptAsync(Browserless kansli, bool share)
    {
        var page = await kansli.GetAsync("/installningar");
        var fields = Form();
        if (share) fields["Input.SharesSystemicProblems"] = "true";
        else fields["Input.SharesSystemicProblems"] = "false";
        var saved = await kansli.SubmitAsync(page, fields, "form.settings-form");
        Assert.Contains(share ? "Förbundet deltar nu i det gemensamma registret." : "Förbundet deltar inte längre i det gemensamma registret.", saved.Text);
    }

    [Fact]
    public async Task Another_forbund_reads_and_links_only_after_both_opt_in_and_loses_its_links_when_the_owner_leaves()
    {
        var insCase = await app.FileCaseAsync(CaseState.UnderGranskning);
        var snbCases = new List<CaseFactory.Filed>();
        for (var i = 0; i < 3; i++) snbCases.Add(await app.FileCaseAsync(CaseState.UnderGranskning, reporterEmail: "rapportor@sodranorrbotten.example"));
        using var ins = await app.LoggedInAsync(SystemicSteps.InsKansli);
        using var snb = await app.LoggedInAsync(SystemicSteps.SnbKansli);
        var id = await ins.RegisterSystemicAsync(app, "Inskrivning kräver sjukpenning", insCase.Id);

        // Neither takes part: Södra Norrbotten sees nothing of it, and cannot link to it.
        var list = await snb.GetAsync("/systemfel");
        Assert.NotEmpty(list.TestId("register-off"));
        Assert.DoesNotContain("Inskrivning kräver sjukpenning", list.Text);
        Assert.Equal(HttpStatusCode.NotFound, (await snb.GetAsync($"/systemfel/{id}")).Status);
        var tokenPage = "/systemfel";
        Assert.Equal(HttpStatusCode.NotFound,
            (await snb.PostFromAsync(tokenPage, $"/systemfel/{id}?handler=Link", Form(("Link.Reference", snbCases[0].Reference)))).Status);

        // Only Södra Norrbotten opts in: still nothing.
        await OptAsync(snb, share: true);
        Assert.Equal("", (await snb.GetAsync("/systemfel")).TestId("register-list"));
        Assert.Equal(HttpStatusCode.NotFound, (await snb.GetAsync($"/systemfel/{id}")).Status);

        await OptAsync(ins, share: true);
        var register = await snb.GetAsync("/systemfel");
        var row = register.Document.QuerySelector($"[data-testid=register-list] tr[data-systemic='{id}']")!;
        Assert.Contains("Samordningsförbundet Insjöriket", row.TextContent);
        Assert.Equal("färre än 3", row.QuerySelector("[data-testid=register-count]")!.TextContent);
        var read = await snb.GetAsync($"/systemfel/{id}");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal("färre än 3", read.TestId("own-count"));
        Assert.DoesNotContain(insCase.Reference, read.Text);
        Assert.Null(read.Document.QuerySelector("[data-testid=step-form]"));

        // Insjöriket's case cannot be linked from Södra Norrbotten: the page says so beside the field.
        var refused = await snb.SubmitOnAsync($"/systemfel/{id}", "link-form", ("Link.Reference", insCase.Reference));
        Assert.Equal($"Förbundet har inget ärende med referensen {insCase.Reference}.", refused.Field("link-error"));
        Assert.Equal(1, app.WithDb(db => db.SystemicProblemCases.Count()));

        var linked = await snb.SubmitOnAsync($"/systemfel/{id}", "link-form", ("Link.Reference", snbCases[0].Reference));
        Assert.Contains($"Du har kopplat {snbCases[0].Reference} till systemfelet", linked.Text);
        Assert.Contains(snbCases[0].Reference, linked.TestId("reader-cases"));
        Assert.Equal("färre än 3", (await ins.GetAsync($"/systemfel/{id}")).TestId("other-count"));
        foreach (var c in snbCases.Skip(1)) await snb.SubmitOnAsync($"/systemfel/{id}", "link-form", ("Link.Reference", c.Reference));
        var owner = await ins.GetAsync($"/systemfel/{id}");
        Assert.Equal("3", owner.TestId("other-count"));
        Assert.Equal("1", owner.TestId("own-count"));
        Assert.DoesNotContain(snbCases[0].Reference, owner.Text);
        Assert.Equal("4", (await snb.GetAsync("/systemfel")).Document.QuerySelector("[data-testid=register-count]")!.TextContent);

        // Insjöriket leaves: at once its systemfel is gone from Södra Norrbotten and the links no longer count.
        await OptAsync(ins, share: false);
        Assert.Equal("0", (await ins.GetAsync($"/systemfel/{id}")).TestId("other-count"));
        Assert.Equal(HttpStatusCode.NotFound, (await snb.GetAsync($"/systemfel/{id}")).Status);
        var after = await snb.GetAsync("/systemfel");
        Assert.NotEmpty(after.TestId("register-empty"));
        Assert.DoesNotContain("Inskrivning kräver sjukpenning", after.Text);
    }

    [Fact]
    public async Task The_settings_page_says_what_the_register_shares_and_the_board_does_not_read_it()
    {
        using var ins = await app.LoggedInAsync(SystemicSteps.InsKansli);
        using var snb = await app.LoggedInAsync(SystemicSteps.SnbKansli);
        var settings = await ins.GetAsync("/installningar");
        Assert.Contains("Ärendenas text och rapportörer delas aldrig", settings.Document.GetElementById("systemic-hint")!.TextContent);
        var id = await ins.RegisterSystemicAsync(app, "Tolk saknas vid möten");
        await OptAsync(ins, share: true);
        await OptAsync(snb, share: true);

        using var bug = await app.LoggedInAsync("bug.fk@sodranorrbotten.example");
        Assert.Contains("Tolk saknas vid möten", (await bug.GetAsync("/systemfel")).TestId("register-list"));
        Assert.Equal(HttpStatusCode.OK, (await bug.GetAsync($"/systemfel/{id}")).Status);
        using var board = await app.LoggedInAsync("styrelse@sodranorrbotten.example");
        Assert.DoesNotContain("Tolk saknas vid möten", (await board.GetAsync("/systemfel")).Text);
        Assert.Equal(HttpStatusCode.NotFound, (await board.GetAsync($"/systemfel/{id}")).Status);
    }
}
