using System.Text.Json;
using LexHeller.Core.Api;
using LexHeller.Core.Cases;
using LexHeller.Core.Compilations;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Api;

/// <summary>Compilations through the API: as the förbund's board sees them, small counts withheld, another förbund's absent.</summary>
public class CompilationApiTests
{
    [Fact]
    public async Task A_compilation_is_read_as_the_board_sees_it_and_another_forbunds_key_finds_nothing()
    {
        using var app = new AppFactory();
        await app.FileCaseAsync(CaseState.Inkommen);
        var today = Stockholm.Today(app.Clock.GetUtcNow());
        var id = 0;
        await app.WithScopeAsync(async s =>
        {
            var service = s.GetRequiredService<CompilationService>();
            var queued = await service.QueueAsync(CompilationScope.Forbund, await app.ForbundIdAsync("INS"), Period.Month(today.Year, today.Month),
                new CompilationFilter(), false, null);
            Assert.True(await service.ComputeAsync(queued.Id, "http://localhost"));
            id = queued.Id;
        });

        var (ins, _) = await app.KeyAsync("INS", [ApiScope.Compilations]);
        using var client = app.Client(ins);
        var list = await (await client.GetAsync("/api/v1/compilations")).JsonAsync();
        Assert.Contains(list.EnumerateArray(), c => c.GetProperty("id").GetInt32() == id);

        var figures = await (await client.GetAsync($"/api/v1/compilations/{id}")).JsonAsync();
        var received = figures.GetProperty("headlines").EnumerateArray().Single(h => h.GetProperty("label").GetString() == "Inkomna ärenden");
        // One case is below the threshold: the board sees that a figure is withheld, never the figure.
        Assert.True(received.GetProperty("value").GetProperty("withheld").GetBoolean());
        Assert.Equal(JsonValueKind.Null, received.GetProperty("value").GetProperty("value").ValueKind);
        Assert.NotEmpty(figures.GetProperty("tables").EnumerateArray());
        Assert.All(figures.GetProperty("tables").EnumerateArray().SelectMany(t => t.GetProperty("rows").EnumerateArray())
                .SelectMany(r => r.GetProperty("cells").EnumerateArray()),
            cell => Assert.False(cell.GetProperty("value").ValueKind == JsonValueKind.Number && cell.GetProperty("value").GetDouble() is > 0 and < 3,
                $"a small count was shown: {cell}"));

        var (snb, _) = await app.KeyAsync("SNB", [ApiScope.Compilations]);
        using var other = app.Client(snb);
        await (await other.GetAsync($"/api/v1/compilations/{id}")).AssertProblemAsync(404);
        await (await other.GetAsync("/api/v1/compilations/999999")).AssertProblemAsync(404);
        Assert.DoesNotContain((await (await other.GetAsync("/api/v1/compilations")).JsonAsync()).EnumerateArray(), c => c.GetProperty("id").GetInt32() == id);
    }
}
