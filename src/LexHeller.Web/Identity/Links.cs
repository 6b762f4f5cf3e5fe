namespace LexHeller.Web.Identity;

/// <summary>Local redirects. Absolute links for mail come from <see cref="LexHeller.Core.Time.PublicUrlOptions.Absolute"/>.</summary>
public static class Links
{
    /// <summary>The return address if it is a page of this app, else the fallback. Every redirect to an address a
    /// request brought goes through here.</summary>
    public static string LocalOr(string? returnUrl, string fallback = "/") => IsLocal(returnUrl) ? returnUrl : fallback;

    /// <summary>
    /// A path of this app: one leading slash and printable ASCII only. Browsers drop tabs and line breaks from a
    /// link and read a backslash as a slash, so "/\t/evil.example" or "/\evil.example" would lead to another site;
    /// and a Location header cannot carry anything beyond ASCII (the app's own links are percent-encoded).
    /// </summary>
    public static bool IsLocal([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? url) =>
        url is { Length: > 0 and <= 2048 } && url[0] == '/' && (url.Length == 1 || url[1] != '/')
        && url.All(c => c is > ' ' and < '\u007f' and not '\\');
}
