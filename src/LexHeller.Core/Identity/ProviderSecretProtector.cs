using Microsoft.AspNetCore.DataProtection;

namespace LexHeller.Core.Identity;

/// <summary>Protects an identity provider's client secret with ASP.NET Core data protection under its own purpose.</summary>
public class ProviderSecretProtector(IDataProtectionProvider provider)
{
    public const string Purpose = "LexHeller.IdentityProvider.ClientSecret";

    private readonly IDataProtector protector = provider.CreateProtector(Purpose);

    public string Protect(string secret) => protector.Protect(secret);
    public string Unprotect(string protectedSecret) => protector.Unprotect(protectedSecret);
}
