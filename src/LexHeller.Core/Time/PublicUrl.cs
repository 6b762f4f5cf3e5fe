using Microsoft.Extensions.Configuration;

namespace LexHeller.Core.Time;

/// <summary>The address users reach the app at, for links in mail written by jobs (outside any request).</summary>
public static class PublicUrl
{
    public const string Development = "http://localhost:5080";

    public static string From(IConfiguration config) => config["App:PublicUrl"] is { Length: > 0 } url ? url : Development;
}
