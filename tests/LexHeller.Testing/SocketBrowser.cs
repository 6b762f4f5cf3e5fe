using System.Net;
using AngleSharp;
using AngleSharp.Html.Dom;

namespace LexHeller.Testing;

/// <summary>
/// A browser without script for an app reached over a real socket (a separate process, or a proxy in front of
/// several): keeps cookies, follows no redirect by itself, reads forms with their antiforgery token and posts them
/// back. A cookie belongs to the host, not the port (as in every browser), so one session can also ask an instance
/// behind the proxy directly by its absolute address.
/// </summary>
public sealed class SocketBrowser : IDisposable
{
    private static readonly IBrowsingContext Parser = BrowsingContext.New(Configuration.Default);

    private readonly HttpClient _http;

    public SocketBrowser(string rootUrl, TimeSpan? timeout = null)
    {
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies, UseCookies = true })
        {
            BaseAddress = new Uri(rootUrl.TrimEnd('/') + "/"),
            Timeout = timeout ?? TimeSpan.FromSeconds(60),
        };
    }

    public CookieContainer Cookies { get; } = new();

    /// <summary>Asks for a page (a path on the root address, or an absolute address), following redirects.</summary>
    public async Task<Browserless.Page> GetAsync(string url, bool follow = true) =>
        await ReadAsync(url, await _http.GetAsync(url), follow);

    /// <summary>Fills the form (by selector, or the first post form in main) and submits it, as the browser would.</summary>
    public async Task<Browserless.Page> SubmitAsync(Browserless.Page page, IDictionary<string, string> fields, string? formSelector = null,
        bool follow = true, string? action = null)
    {
        var form = page.Form(formSelector);
        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>())
        {
            if (string.IsNullOrEmpty(input.Name) || fields.ContainsKey(input.Name)) continue;
            if (input.Type is "checkbox" or "radio" && !input.IsChecked) continue;
            if (input.Type is "submit" or "button") continue;
            values.Add(new(input.Name, input.Value));
        }
        foreach (var area in form.Elements.OfType<IHtmlTextAreaElement>())
            if (!string.IsNullOrEmpty(area.Name) && !fields.ContainsKey(area.Name)) values.Add(new(area.Name, area.Value));
        foreach (var select in form.Elements.OfType<IHtmlSelectElement>())
            if (!string.IsNullOrEmpty(select.Name) && !fields.ContainsKey(select.Name) && select.Value is not null) values.Add(new(select.Name, select.Value));
        // Several values of one field (checkboxes) are joined with the unit separator, as in Browserless.
        foreach (var (name, value) in fields)
            foreach (var v in value.Split('\u001f'))
                values.Add(new(name, v));
        action ??= string.IsNullOrEmpty(form.GetAttribute("action")) ? page.Url : form.GetAttribute("action")!;
        // A relative action is relative to the page's own origin, which may be an instance asked directly.
        if (!IsAbsolute(action) && IsAbsolute(page.Url)) action = new Uri(new Uri(page.Url), action).ToString();
        var response = await _http.PostAsync(action, new FormUrlEncodedContent(values));
        return await ReadAsync(action, response, follow);
    }

    /// <summary>Logs in with the password and then the authenticator's current code, as a person would.</summary>
    public async Task<Browserless.Page> LoginAsync(string email, string password = AppFactory.Password, string totpSecret = AppFactory.TotpSecret)
    {
        var page = await SubmitAsync(await GetAsync("/logga-in"), new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        if (page.Url.Contains("/logga-in/verifiera", StringComparison.Ordinal))
            page = await SubmitAsync(page, new Dictionary<string, string> { ["Code"] = Totp.Code(totpSecret) });
        return page;
    }

    private async Task<Browserless.Page> ReadAsync(string url, HttpResponseMessage response, bool follow)
    {
        var origin = IsAbsolute(url) ? new Uri(url).GetLeftPart(UriPartial.Authority) : null;
        for (var hops = 0; follow && (int)response.StatusCode is >= 300 and < 400 && hops < 10; hops++)
        {
            var target = response.Headers.Location!.OriginalString;
            url = IsAbsolute(target) || origin is null ? target : origin + target;
            response.Dispose();
            response = await _http.GetAsync(url);
        }
        using (response)
        {
            var html = await response.Content.ReadAsStringAsync();
            var address = IsAbsolute(url) ? new Uri(url) : new Uri(_http.BaseAddress!, url);
            var document = await Parser.OpenAsync(r => r.Content(html).Address(address));
            return new Browserless.Page(response.StatusCode, url, document, response.Headers.Location?.OriginalString) { Headers = response.Headers };
        }
    }

    // On Linux "/path" parses as an absolute file URI, so the scheme is what tells.
    private static bool IsAbsolute(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    public void Dispose() => _http.Dispose();
}
