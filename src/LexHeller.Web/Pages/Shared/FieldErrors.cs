using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LexHeller.Web.Pages;

public static class FieldErrors
{
    /// <summary>The Swedish messages for one field, for forms whose fields are not bound with asp-for.</summary>
    public static string For(this ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : "";
}
