namespace LexHeller.Web.Identity;

public static class Links
{
    /// <summary>
    /// An absolute link for a mail: App:PublicUrl (required in production), else – in Development and tests only –
    /// this request's own address.
    /// </summary>
    public static string Absolute(HttpRequest request, string pathAndQuery)
    {
        var configured = request.HttpContext.RequestServices.GetRequiredService<IConfiguration>()["App:PublicUrl"];
        var root = string.IsNullOrWhiteSpace(configured)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : configured.TrimEnd('/');
        return root + pathAndQuery;
    }

    public static string LocalOr(string? returnUrl, string fallback = "/") =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
            ? returnUrl
            : fallback;
}
