using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Bench.BareRazor.Pages;

/// <summary>An authenticated form POST with antiforgery that inserts one row through EF and redirects, as filing does.</summary>
public class NewRowModel(BareDb db) : PageModel
{
    [BindProperty] public string Text { get; set; } = "";

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var row = new BareRow { At = DateTimeOffset.UtcNow.UtcTicks, Text = Text };
        db.BareRows.Add(row);
        await db.SaveChangesAsync();
        return Redirect($"/rows/new?id={row.Id}");
    }
}
