using LexHeller.Core.Identity;

namespace LexHeller.Web.Identity;

/// <summary>The words of a refused log-in through an identity provider, and its address.</summary>
public static class ExternalLoginFailures
{
    public const string NoAccountText = "Du har inget konto i Lex Heller – kontakta kansliet i ditt samordningsförbund";

    private static readonly Dictionary<ExternalLoginFailure, string> Codes = new()
    {
        [ExternalLoginFailure.NoAccount] = "inget-konto",
        [ExternalLoginFailure.MissingEmail] = "e-post-saknas",
        [ExternalLoginFailure.UnverifiedEmail] = "e-post-ej-verifierad",
        [ExternalLoginFailure.OtherIdentity] = "annan-identitet",
        [ExternalLoginFailure.NotForYourForbund] = "inte-for-ditt-forbund",
        [ExternalLoginFailure.Inactive] = "inaktivt-konto",
        [ExternalLoginFailure.ProviderAnswer] = "svaret-godtogs-inte",
        [ExternalLoginFailure.ProviderUnreachable] = "svarar-inte",
        [ExternalLoginFailure.UnknownProvider] = "okand-leverantor",
        [ExternalLoginFailure.NoPendingLogin] = "ingen-inloggning-pagar",
    };

    public static string PageFor(ExternalLoginFailure failure, int? providerId) =>
        $"/logga-in/extern/misslyckades?orsak={Codes[failure]}" + (providerId is null ? "" : $"&leverantor={providerId}");

    public static ExternalLoginFailure? Parse(string? code) =>
        Codes.FirstOrDefault(c => c.Value == code) is { Value: not null } hit ? hit.Key : null;

    /// <summary>What the person is told, after "Inloggningen misslyckades."</summary>
    public static string Text(ExternalLoginFailure failure, string provider) => failure switch
    {
        ExternalLoginFailure.NoAccount => NoAccountText + ".",
        ExternalLoginFailure.MissingEmail =>
            $"{provider} skickade ingen e-postadress, och ditt konto är inte kopplat till din identitet där. Be kansliet koppla din e-legitimation till ditt konto.",
        ExternalLoginFailure.UnverifiedEmail =>
            $"{provider} har inte bekräftat din e-postadress, så den kan inte knyta dig till ett konto. Be kansliet koppla din e-legitimation till ditt konto.",
        ExternalLoginFailure.OtherIdentity =>
            $"Ditt konto är redan kopplat till en annan identitet hos {provider}. Kontakta kansliet i ditt samordningsförbund.",
        ExternalLoginFailure.NotForYourForbund =>
            $"Ditt samordningsförbund använder inte {provider} för inloggning. Välj ett annat sätt att logga in.",
        ExternalLoginFailure.Inactive => "Ditt konto är inte aktivt. Kontakta förbundets kansli om du behöver tillgång igen.",
        ExternalLoginFailure.ProviderAnswer =>
            $"Svaret från {provider} kunde inte godtas, så ingen inloggning gjordes. Försök igen; om det händer igen, kontakta kansliet.",
        ExternalLoginFailure.ProviderUnreachable =>
            $"{provider} svarade inte. Försök igen om en stund.",
        ExternalLoginFailure.UnknownProvider => "Det sättet att logga in finns inte, eller är avstängt.",
        ExternalLoginFailure.NoPendingLogin =>
            "Ingen inloggning pågick, eller så tog den för lång tid. Börja om från inloggningssidan.",
        _ => "Försök igen.",
    };

    /// <summary>Whether the failure is the provider not answering (down, or slower than the timeout) rather than a refused answer.</summary>
    public static bool IsUnreachable(Exception? failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
            if (e is HttpRequestException or TimeoutException or TaskCanceledException or IOException) return true;
        return false;
    }

    /// <summary>The reason for the log: the failure's type and message (IdentityModel hides personal data and tokens there).</summary>
    public static string Describe(Exception? failure)
    {
        if (failure is null) return "no reason given";
        var parts = new List<string>();
        for (var e = failure; e is not null && parts.Count < 3; e = e.InnerException) parts.Add($"{e.GetType().Name}: {e.Message}");
        return string.Join(" ← ", parts);
    }
}
