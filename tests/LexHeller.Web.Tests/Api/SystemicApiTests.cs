using System.Text.Json;
using LexHeller.Core.Api;
using LexHeller.Core.Cases;
using LexHeller.Core.Systemic;
using LexHeller.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Api;

/// <summary>The joint register through the API: only for förbund that take part, small counts suppressed as on the pages.</summary>
public class SystemicApiTests
{
    [Fact]
    public async Task The_register_shows_other_forbunds_systemfel_once_both_take_part_with_counts_below_three_suppressed()
    {
        using var app = new AppFactory();
        var title = "Bostad kräver arbete " + Guid.NewGuid().ToString("N")[..6];
        var snbKansli = await app.CaseUserAsync("kansli@sodranorrbotten.example");
        var insKansli = await app.CaseUserAsync("kansli@insjoriket.example");
        int id = 0;
        await app.WithScopeAsync(async s =>
        {
            var commands = s.GetRequiredService<SystemicCommands>();
            var made = await commands.IdentifyAsync(snbKansli, await app.ForbundIdAsync("SNB"),
                new SystemicInput(title, "Regler som krockar mellan bostad och arbete.", null, null, [], null, null), null);
            id = made.Id!.Value;
        });
        var (key, _) = await app.KeyAsync("INS", [ApiScope.Systemic]);
        using var client = app.Client(key);

        // Neither förbund takes part yet: nothing.
        Assert.Empty((await (await client.GetAsync("/api/v1/systemic")).JsonAsync()).EnumerateArray());

        await app.WithScopeAsync(async s =>
        {
            var commands = s.GetRequiredService<SystemicCommands>();
            Assert.Equal(CommandStatus.Done, (await commands.ShareAsync(snbKansli, await app.ForbundIdAsync("SNB"), true)).Status);
            Assert.Equal(CommandStatus.Done, (await commands.ShareAsync(insKansli, await app.ForbundIdAsync("INS"), true)).Status);
        });
        var cases = new List<int>();
        for (var i = 0; i < 3; i++) cases.Add((await app.FileCaseAsync(CaseState.UnderGranskning, reporterEmail: "rapportor@sodranorrbotten.example")).Id);

        async Task<JsonElement> RowAsync() =>
            (await (await client.GetAsync("/api/v1/systemic")).JsonAsync()).EnumerateArray().Single(r => r.GetProperty("id").GetInt32() == id);
        async Task LinkAsync(int caseId) => await app.WithScopeAsync(async s =>
            Assert.Equal(CommandStatus.Done, (await s.GetRequiredService<SystemicCommands>().LinkCaseAsync(snbKansli, id, caseId)).Status));

        var row = await RowAsync();
        Assert.Equal(title, row.GetProperty("title").GetString());
        Assert.Equal("Samordningsförbundet Södra Norrbotten", row.GetProperty("forbund").GetString());
        Assert.Equal("Identifierat", row.GetProperty("status").GetString());
        Assert.Equal(0, row.GetProperty("linkedCases").GetInt32());

        await LinkAsync(cases[0]);
        await LinkAsync(cases[1]);
        Assert.Equal(JsonValueKind.Null, (await RowAsync()).GetProperty("linkedCases").ValueKind);
        Assert.DoesNotContain("\"linkedCases\":2", await (await client.GetAsync("/api/v1/systemic")).Content.ReadAsStringAsync());
        await LinkAsync(cases[2]);
        Assert.Equal(3, (await RowAsync()).GetProperty("linkedCases").GetInt32());

        await (await client.GetAsync("/api/v1/systemic?status=Okänd")).AssertProblemAsync(400, "status");
        Assert.Single((await (await client.GetAsync("/api/v1/systemic?status=Identifierat")).JsonAsync()).EnumerateArray(),
            r => r.GetProperty("id").GetInt32() == id);
        Assert.DoesNotContain((await (await client.GetAsync("/api/v1/systemic?status=Lost")).JsonAsync()).EnumerateArray(),
            r => r.GetProperty("id").GetInt32() == id);

        // A key without the scope reads nothing of it.
        var (register, _) = await app.KeyAsync("INS", [ApiScope.Register]);
        await (await app.Client(register).GetAsync("/api/v1/systemic")).AssertProblemAsync(403);
    }
}
