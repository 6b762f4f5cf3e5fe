using LexHeller.Core.Identity;
using Microsoft.AspNetCore.DataProtection;

namespace LexHeller.Core.Tests.Identity;

public class IdentityProviderTests
{
    [Theory]
    [InlineData("https://login.example.se", true)]
    [InlineData("https://login.example.se/realms/forbund", true)]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://login.example.se", false)]
    [InlineData("login.example.se", false)]
    [InlineData("/relative", false)]
    [InlineData("ftp://login.example.se", false)]
    [InlineData("", false)]
    public void Authority_must_be_https_except_on_this_machine(string authority, bool allowed)
        => Assert.Equal(allowed, IdentityProvider.IsAllowedAuthority(authority));

    [Fact]
    public void A_new_provider_has_the_default_scopes_and_claims_and_is_disabled()
    {
        var provider = IdentityProvider.Create("Förbundets inloggning", "https://login.example.se", "lexheller", "protected");
        Assert.Equal("openid email profile", provider.Scopes);
        Assert.Equal("sub", provider.SubjectClaim);
        Assert.Equal("email", provider.EmailClaim);
        Assert.False(provider.Enabled);
    }

    [Fact]
    public void The_secret_is_held_only_protected_and_unprotects_to_what_was_typed()
    {
        var protector = new ProviderSecretProtector(new EphemeralDataProtectionProvider());
        var stored = protector.Protect("s3cret-value");
        var provider = IdentityProvider.Create("Förbundets inloggning", "https://login.example.se", "lexheller", stored);

        Assert.DoesNotContain("s3cret-value", provider.ProtectedClientSecret);
        Assert.Equal("s3cret-value", protector.Unprotect(provider.ProtectedClientSecret));
    }
}
