using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LexHeller.Web.Pages;

/// <summary>
/// What the error summary above a form lists: each message once, in the order the fields were checked, linked to
/// the field it is about. A message about the form as a whole (an empty key) is listed without a link.
/// </summary>
/// <param name="Title">The summary's heading; a page may say what was not saved ("Svaret är inte sparat").</param>
/// <param name="FieldIds">The id of the input for a ModelState key, where it is not the id asp-for gives
/// ("Input.Summary" → "Input_Summary").</param>
/// <param name="TestId">The summary's data-testid, where tests tell one page's summaries apart.</param>
/// <param name="Order">The ModelState keys in the order the form shows its fields; ModelState itself keeps no order.
/// Messages about the form as a whole come first, keys not listed last.</param>
public sealed record ErrorSummary(string Title = "Något behöver rättas", IReadOnlyDictionary<string, string>? FieldIds = null,
    string TestId = "error-summary", IReadOnlyList<string>? Order = null)
{
    public sealed record Line(string Message, string? Href);

    public IReadOnlyList<Line> Lines(ModelStateDictionary state) =>
        state.Where(kv => kv.Value is { Errors.Count: > 0 })
            .OrderBy(kv => Rank(kv.Key))
            .SelectMany(kv => kv.Value!.Errors.Select(e => new Line(e.ErrorMessage, kv.Key.Length == 0 ? null : "#" + IdFor(kv.Key))))
            .DistinctBy(l => (l.Message, l.Href))
            .ToList();

    private int Rank(string key)
    {
        if (key.Length == 0) return -1;
        for (var i = 0; i < (Order?.Count ?? 0); i++)
            if (Order![i] == key) return i;
        return int.MaxValue;
    }

    public string IdFor(string key) =>
        FieldIds?.GetValueOrDefault(key) ?? key.Replace('.', '_').Replace('[', '_').Replace(']', '_');
}
