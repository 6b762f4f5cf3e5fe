namespace LexHeller.Core.Time;

/// <summary>
/// The address users reach the app at, for every link in mail, bound from <c>App:PublicUrl</c> (required outside
/// Development and tests, checked at start-up). Never a request's Host header, which anyone can forge.
/// </summary>
public sealed class PublicUrlOptions
{
    public const string Section = "App";

    /// <summary>Where a development machine serves the app when no address is configured.</summary>
    public const string Development = "http://localhost:5080";

    public string? PublicUrl { get; set; }

    /// <summary>The configured address without a trailing slash, so a path can be appended.</summary>
    public string Base => Normalise(PublicUrl);

    /// <summary>The one way to build a link for a mail: the public address followed by a path of this app.</summary>
    public string Absolute(string pathAndQuery) => Base + pathAndQuery;

    /// <summary>The one line a misconfigured server prints, or null when the address will do.</summary>
    public string? WhyInvalid(bool required)
    {
        if (string.IsNullOrWhiteSpace(PublicUrl))
            return required
                ? "Lex Heller kan inte starta: ange App:PublicUrl, adressen användarna når appen på (t.ex. https://lexheller.forbund.se). Den används i länkar i e-post."
                : null;
        return Uri.TryCreate(PublicUrl.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? null
            : $"Lex Heller kan inte starta: App:PublicUrl ({PublicUrl.Trim()}) är ingen fullständig adress. Skriv den med https://, t.ex. https://lexheller.forbund.se.";
    }

    private static string Normalise(string? url) => string.IsNullOrWhiteSpace(url) ? Development : url.Trim().TrimEnd('/');
}
