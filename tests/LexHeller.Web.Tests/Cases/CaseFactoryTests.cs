using LexHeller.Core.Cases;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Tests.Cases;

public class CaseFactoryTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData(CaseState.Inkommen)]
    [InlineData(CaseState.KompletteringBegard)]
    [InlineData(CaseState.Avvisad)]
    [InlineData(CaseState.Aterkallad)]
    [InlineData(CaseState.Besvarad)]
    [InlineData(CaseState.Avslutad)]
    public async Task A_case_is_walked_through_the_real_workflow_to_its_state(CaseState state)
    {
        var filed = await app.FileCaseAsync(state);
        var c = await app.WithDbAsync(db => db.Cases.Include(x => x.Events).SingleAsync(x => x.Id == filed.Id));
        Assert.Equal(state, c.State);
        Assert.Equal(CaseState.Utkast, c.Events.OrderBy(e => e.Id).First().FromState);
        Assert.Equal(state, c.Events.OrderBy(e => e.Id).Last().ToState);
    }
}
