using System.Net;
using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using LexHeller.Testing;

namespace LexHeller.Web.Tests.Security;

/// <summary>
/// Finds every form on every page a person can open and posts, field by field, boundary and hostile values
/// in place of what the page filled in. Whatever the value: never a 500. A value no field may take (a control
/// character, a date outside 2000–2100, a number beyond any field, an unknown choice) must be refused with a
/// Swedish message, and nothing may be stored.
/// </summary>
public sealed partial class FormFuzzer(AuthorizationMatrix matrix)
{
    /// <summary>A hostile value: its name for the report, and whether every field must refuse it.</summary>
    public sealed record Value(string Name, string Text, Func<Field, bool> MustRefuse);

    public sealed record Field(string Name, string Kind, string Default);

    private sealed record Form(string Page, Who Who, string Method, string Action, IReadOnlyList<KeyValuePair<string, string>> Defaults, IReadOnlyList<Field> Fields);

    private static bool Typed(Field f) => f.Kind is "number" or "date" or "time" or "datetime-local" or "select" or "checkbox" or "radio";

    private static bool Free(Field f) => f.Kind is "text" or "textarea" or "email" or "search" or "password" or "tel" or "url";

    public static readonly Value[] Values =
    [
        new("tomt", "", _ => false),
        new("10 000 tecken", new string('å', 10_000), Free),
        new("NUL", "ab\0cd", f => Free(f) || Typed(f)),
        new("styrtecken", "ab\u0007\u001bcd", f => Free(f) || Typed(f)),
        new("RTL-tecken", "\u202Eabc\u200F", Typed),
        new("emoji", "🙂👩‍👩‍👧", Typed),
        new("fel typ", "inte-ett-värde", Typed),
        new("år 0001", "0001-01-01", f => f.Kind is "date" or "number" or "select" or "checkbox"),
        new("år 9999", "9999-12-31T23:59", f => f.Kind is "date" or "datetime-local" or "number" or "select" or "checkbox"),
        new("negativt", "-1", f => f.Kind is "date" or "time" or "datetime-local" or "checkbox"),
        new("jättetal", "99999999999999999999999", f => f.Kind is "number" or "date" or "time" or "datetime-local" or "select" or "checkbox"),
        new("okänt val", "OkäntVärde", f => f.Kind is "select" or "checkbox" or "number" or "date"),
        new("fullbreda siffror", "１２３", f => f.Kind is "date" or "checkbox"),
    ];

    private static readonly IBrowsingContext Parser = BrowsingContext.New(Configuration.Default);

    /// <summary>Fuzzes every form on the given pages, each opened by the given person; returns what went wrong.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(IEnumerable<(Who Who, string Url)> pages)
    {
        var failures = new List<string>();
        var forms = new List<Form>();
        foreach (var (who, url) in pages) forms.AddRange(await FormsAsync(who, url));
        // Nothing but the fuzzer writes while it runs, so one send's "after" is the next one's "before"; a new log-in
        // writes, and the fingerprint is taken afresh after it.
        AuthorizationMatrix.Fingerprints? last = null;
        foreach (var form in forms)
        {
            foreach (var field in form.Fields)
            {
                foreach (var value in Values.Append(new Value("dubblerad nyckel", "x", _ => false)))
                {
                    var data = form.Defaults.Where(d => d.Key != field.Name).ToList();
                    if (value.Name == "dubblerad nyckel") data.AddRange([new(field.Name, field.Default), new(field.Name, "x")]);
                    else data.Add(new(field.Name, value.Text));
                    var what = $"{form.Method} {form.Action} as {form.Who}, field {field.Name} ({field.Kind}) = {value.Name}";
                    var before = last ?? matrix.Fingerprint();
                    var (status, message, location) = await SendAsync(form, data);
                    var after = matrix.Fingerprint();
                    last = after;
                    var changed = after.ChangedSince(before);
                    if (status == 500) failures.Add($"{what}: 500");
                    else if (status == 1400) failures.Add($"{what}: 400 without the Swedish page");
                    else if (status == 200 && message is not null && EnglishMessage().IsMatch(message))
                        failures.Add($"{what}: a message not in Swedish: {message}");
                    else if (form.Method == "POST" && value.MustRefuse(field))
                    {
                        var refused = status is 200 or 400 or 404 or 429 && !(status == 200 && message is null);
                        if (!refused) failures.Add($"{what}: not refused ({status} {location}{(message is null ? ", no message" : "")})");
                        if (changed.Length > 0) failures.Add($"{what}: refused, but the database changed ({changed})");
                    }
                    else if (form.Method == "POST" && status == 200 && message is not null && changed.Length > 0)
                        failures.Add($"{what}: the page says \"{message}\" but the database changed ({changed})");
                    // An accepted form may end the session (log-out, a changed förbund): start each value afresh.
                    if (location?.StartsWith("/logga-in") == true)
                    {
                        await matrix.RenewAsync(form.Who);
                        last = null;
                    }
                }
            }
        }
        return failures;
    }

    private async Task<(int Status, string? Message, string? Location)> SendAsync(Form form, List<KeyValuePair<string, string>> data)
    {
        var (browser, token) = matrix.Session(form.Who);
        HttpResponseMessage response;
        if (form.Method == "GET")
        {
            var query = string.Join('&', data.Select(d => Uri.EscapeDataString(d.Key) + "=" + Uri.EscapeDataString(d.Value)));
            response = await browser.Http.GetAsync(form.Action + (form.Action.Contains('?') ? "&" : "?") + query);
        }
        else
        {
            data.RemoveAll(d => d.Key == "__RequestVerificationToken");
            data.Add(new("__RequestVerificationToken", token));
            response = await browser.Http.PostAsync(form.Action, new FormUrlEncodedContent(data));
        }
        var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : null;
        string? message = null;
        if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.TooManyRequests or HttpStatusCode.BadRequest)
        {
            var html = await response.Content.ReadAsStringAsync();
            // A form the server cannot read at all (a NUL in a posted body) is refused whole, on the Swedish error page.
            if (response.StatusCode == HttpStatusCode.BadRequest)
                return (html.Contains("Formuläret kunde inte tas emot") ? 400 : 1400, null, location);
            if (response.StatusCode != HttpStatusCode.OK) return ((int)response.StatusCode, "sidan", location);
            var document = await Parser.OpenAsync(r => r.Content(html));
            var text = string.Join(" | ", document.QuerySelectorAll(".error-summary, .field-error, [role=alert]")
                .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
            message = text.Length > 0 ? text : null;
        }
        return ((int)response.StatusCode, message, location);
    }

    private async Task<IReadOnlyList<Form>> FormsAsync(Who who, string url)
    {
        var (browser, _) = matrix.Session(who);
        var page = await browser.GetAsync(url, follow: false);
        if (page.Status != HttpStatusCode.OK) throw new InvalidOperationException($"{who} cannot open {url}: {(int)page.Status} {page.Location}");
        var forms = new List<Form>();
        foreach (var form in page.Document.QuerySelectorAll("main form").OfType<IHtmlFormElement>())
        {
            var method = (form.GetAttribute("method") ?? "get").ToUpperInvariant();
            var defaults = new List<KeyValuePair<string, string>>();
            var fields = new List<Field>();
            foreach (var element in form.Elements)
            {
                switch (element)
                {
                    case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button" or "file"):
                        if (input.Type is "checkbox" or "radio" && !input.IsChecked)
                        {
                            if (fields.All(f => f.Name != input.Name)) fields.Add(new(input.Name, input.Type, ""));
                            continue;
                        }
                        defaults.Add(new(input.Name, input.Value));
                        if (input.Name != "__RequestVerificationToken" && fields.All(f => f.Name != input.Name))
                            fields.Add(new(input.Name, input.Type, input.Value));
                        break;
                    case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                        defaults.Add(new(area.Name, area.Value));
                        fields.Add(new(area.Name, "textarea", area.Value));
                        break;
                    case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                        foreach (var option in select.Options.Where(o => o.IsSelected)) defaults.Add(new(select.Name, option.Value));
                        if (!select.Options.Any(o => o.IsSelected) && select.Options.Length > 0 && !select.IsMultiple)
                            defaults.Add(new(select.Name, select.Options[0].Value));
                        fields.Add(new(select.Name, "select", select.Value ?? ""));
                        break;
                }
            }
            if (fields.Count == 0) continue;
            // Each submit button with its own handler is a form of its own.
            var actions = form.Elements.OfType<IHtmlButtonElement>().Where(b => b.Type == "submit")
                .Select(b => b.GetAttribute("formaction")).Distinct().ToList();
            if (actions.Count == 0) actions.Add(null);
            foreach (var formAction in actions)
            {
                var action = formAction ?? form.GetAttribute("action");
                action = string.IsNullOrEmpty(action) ? url : action;
                forms.Add(new Form(url, who, method, action, defaults, fields));
            }
        }
        return forms;
    }

    [GeneratedRegex(@"\b(The value|is not valid|is invalid|field is required|must be a number|is required)\b")]
    private static partial Regex EnglishMessage();
}
