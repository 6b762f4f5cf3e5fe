using LexHeller.Core.Cases;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LexHeller.Web.Pages;

public static class FieldErrors
{
    /// <summary>The Swedish messages for one field, for forms whose fields are not bound with asp-for.</summary>
    public static string For(this ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : "";

    /// <summary>
    /// A command's refusal on the form bound as <paramref name="prefix"/> (empty for the page's own properties): its
    /// message above the form, each field's beside the field.
    /// </summary>
    public static void AddRefusal(this ModelStateDictionary state, string prefix, CommandResult result)
    {
        if (result.Message is { } message) state.AddModelError(string.Empty, message);
        state.AddErrors(prefix, result.FieldErrors);
    }

    /// <summary>Field errors named as a command names them (an empty name is the form as a whole) under <paramref name="prefix"/>.</summary>
    public static void AddErrors(this ModelStateDictionary state, string prefix, IEnumerable<FieldError> errors)
    {
        foreach (var e in errors)
            state.AddModelError(e.Field.Length == 0 ? string.Empty : prefix.Length == 0 ? e.Field : $"{prefix}.{e.Field}", e.Message);
    }
}
