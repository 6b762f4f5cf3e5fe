using LexHeller.Core.Audit;
using LexHeller.Core.Identity;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Administration;

public class IdentityProviderTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Secret = "very-secret-client-value-7f3a";

    private static IdentityProviderCommands.Settings Settings(string name) =>
        new(name, "https://login.example.se/realms/forbund", "lexheller", "", "", "", ["loa3", "loa3"]);

    [Fact]
    public async Task The_secret_is_stored_protected_and_never_written_to_the_audit()
    {
        var id = 0;
        var otherSecret = Secret + "-new";
        await app.WithScopeAsync(async services =>
        {
            var commands = services.GetRequiredService<IdentityProviderCommands>();
            id = (await commands.CreateAsync(Settings("Förbundsinloggning"), Secret, "admin")).Id;
            Assert.True(await commands.UpdateAsync(id, Settings("Förbundsinloggning BankID"), otherSecret, "admin"));
            Assert.True(await commands.UpdateAsync(id, Settings("Förbundsinloggning BankID"), "", "admin"));
        });

        var stored = await app.WithDbAsync(db => db.IdentityProviders.SingleAsync(p => p.Id == id));
        Assert.DoesNotContain(otherSecret, stored.ProtectedClientSecret);
        Assert.Equal("openid email profile", stored.Scopes);
        Assert.Equal(["loa3"], stored.StrongAcrValues);
        await app.WithScopeAsync(services =>
        {
            Assert.Equal(otherSecret, services.GetRequiredService<ProviderSecretProtector>().Unprotect(stored.ProtectedClientSecret));
            return Task.CompletedTask;
        });

        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action.StartsWith("IdentityProvider") && a.Subject.StartsWith("Förbundsinloggning")).ToListAsync());
        Assert.Equal(3, audit.Count);
        Assert.All(audit, a => Assert.DoesNotContain(Secret, $"{a.Subject} {a.Before} {a.After}"));
        Assert.Equal(2, audit.Count(a => a.After!.Contains(IdentityProviderCommands.SecretChanged)));
    }

    [Fact]
    public async Task A_provider_is_enabled_for_a_forbund_and_audited()
    {
        var forbundId = app.ForbundId("SNB");
        var id = 0;
        await app.WithScopeAsync(async services =>
        {
            var commands = services.GetRequiredService<IdentityProviderCommands>();
            id = (await commands.CreateAsync(Settings("Norrbottens inloggning"), Secret, "admin")).Id;
            Assert.True(await commands.SetForbundAsync(id, [forbundId], "admin"));
            Assert.True(await commands.SetEnabledAsync(id, true, "admin"));
        });

        var provider = await app.WithDbAsync(db => db.IdentityProviders.Include(p => p.Forbund).SingleAsync(p => p.Id == id));
        Assert.True(provider.Enabled);
        Assert.Equal([forbundId], provider.Forbund.Select(f => f.ForbundId));
        Assert.True(await app.WithDbAsync(db => db.Forbund.Where(f => f.Id == forbundId).Select(f => f.PasswordLoginAllowed).SingleAsync()));
        var changed = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a =>
            a.Action == AuditActions.IdentityProviderForbundChanged && a.Subject == "Norrbottens inloggning"));
        Assert.Equal("Samordningsförbundet Södra Norrbotten", changed.After);
    }

    [Fact]
    public async Task The_administrator_sees_the_providers_but_never_a_secret()
    {
        await app.WithScopeAsync(async services =>
            await services.GetRequiredService<IdentityProviderCommands>().CreateAsync(Settings("Listad inloggning"), Secret, "admin"));
        using var browser = new Browserless(app);
        await browser.LoginAsync("admin@lexheller.example");
        var page = await browser.GetAsync("/inloggning/leverantorer");
        Assert.Contains("Listad inloggning", page.Text);
        Assert.DoesNotContain(Secret, page.Document.DocumentElement.OuterHtml);
    }
}
