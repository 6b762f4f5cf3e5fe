using Microsoft.Extensions.Configuration;

namespace LexHeller.Core.Time;

/// <summary>
/// The address users reach the app at, for every link in mail: App:PublicUrl (required outside Development), else
/// the Development address. Never a request's Host header, which anyone can forge.
/// </summary>
public static class PublicUrl
{
    public const string Development = "http://localhost:5080";

    /// <summary>Without a trailing slash, so a path can be appended.</summary>
    public static string From(IConfiguration config) =>
        config["App:PublicUrl"] is { } url && !string.IsNullOrWhiteSpace(url) ? url.Trim().TrimEnd('/') : Development;
}
