using System.Net;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Testing;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LexHeller.Web.Tests.ScaleOut;

/// <summary>
/// An identity provider added, changed or switched off through one instance's administration is followed by the
/// other at the next request through that provider: a log-in started on one instance may come back to the other.
/// </summary>
public class ProvidersAcrossInstancesTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private AppFactory A => instances.A;
    private AppFactory B => instances.B;

    [Fact]
    public async Task A_provider_added_changed_and_switched_off_through_one_instance_is_followed_by_the_other()
    {
        // B is running before the provider exists. It is added through A, as its administration page does.
        var settings = new IdentityProviderCommands.Settings("Freja eID", "https://idp.example", "lexheller", IdentityProvider.DefaultScopes,
            IdentityProvider.DefaultSubjectClaim, IdentityProvider.DefaultEmailClaim, ["loa3"]);
        var id = await OnAAsync(async (commands, admin) => (await commands.CreateAsync(settings, "hemligt", admin)).Id);
        await OnAAsync(async (commands, admin) => await commands.SetEnabledAsync(id, true, admin));

        // The provider's answer to a log-in started on A comes back to B: B's handler for that provider takes it
        // (here a reply without state, refused to the Swedish failure page), as A's does, instead of no page at all.
        var answer = $"/logga-in/extern/{id}/svar";
        var onA = await GetAsync(A, answer);
        var onB = await GetAsync(B, answer);
        Assert.Equal(HttpStatusCode.Redirect, onA.StatusCode);
        Assert.Equal((onA.StatusCode, onA.Headers.Location), (onB.StatusCode, onB.Headers.Location));

        // A new client id saved through A is the one B's handler uses from B's next request through the provider.
        await OnAAsync(async (commands, admin) => await commands.UpdateAsync(id, settings with { ClientId = "lexheller-ny" }, null, admin));
        Assert.Equal("lexheller", OptionsOf(B, id).ClientId);
        await GetAsync(B, answer);
        Assert.Equal("lexheller-ny", OptionsOf(B, id).ClientId);

        // Switched off through A: B no longer answers for it, as A does not.
        await OnAAsync(async (commands, admin) => await commands.SetEnabledAsync(id, false, admin));
        var offOnA = await GetAsync(A, answer);
        var offOnB = await GetAsync(B, answer);
        Assert.NotEqual(onA.Headers.Location, offOnA.Headers.Location);
        Assert.Equal((offOnA.StatusCode, offOnA.Headers.Location), (offOnB.StatusCode, offOnB.Headers.Location));
        Assert.Null(await B.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(IdentityProvider.SchemeFor(id)));
    }

    /// <summary>Runs a command on A and refreshes A's own scheme, as A's administration page does after a save.</summary>
    private async Task<T> OnAAsync<T>(Func<IdentityProviderCommands, string, Task<T>> command)
    {
        T result = default!;
        await A.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LexHellerDb>();
            var admin = await db.Users.Where(u => u.Email == LexHeller.Core.Demo.DemoSeeder.AdminEmail).Select(u => u.Id).SingleAsync();
            result = await command(services.GetRequiredService<IdentityProviderCommands>(), admin);
        });
        var id = await A.WithDbAsync(db => db.IdentityProviders.MaxAsync(p => p.Id));
        await A.Services.GetRequiredService<OidcSchemes>().RefreshAsync(id);
        return result;
    }

    private static async Task<HttpResponseMessage> GetAsync(AppFactory app, string path)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return await client.GetAsync(path);
    }

    private static OpenIdConnectOptions OptionsOf(AppFactory app, int id) =>
        app.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(IdentityProvider.SchemeFor(id));
}
