using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Bench.BareRazor.Pages;

/// <summary>Fifty cases of one förbund in one state and category, newest first, from one query.</summary>
public class CasesModel(BareDb db) : PageModel
{
    public sealed record Row(int Id, string? Reference, string Kind, string? Category, string State, long? SubmittedAt, string? Handler, long UpdatedAt);

    [BindProperty(SupportsGet = true, Name = "forbund")] public int Forbund { get; set; } = 1;
    [BindProperty(SupportsGet = true, Name = "status")] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "kategori")] public int? Category { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var query = db.Cases.AsNoTracking().Where(c => c.ForbundId == Forbund && c.State != "Utkast");
        if (Status is not null) query = query.Where(c => c.State == Status);
        if (Category is not null) query = query.Where(c => c.CategoryId == Category);
        Rows = await query.OrderByDescending(c => c.ReferenceYear).ThenByDescending(c => c.ReferenceSequence).Take(50)
            .Select(c => new Row(c.Id, c.Reference, c.Kind, db.Categories.Where(k => k.Id == c.CategoryId).Select(k => k.Name).FirstOrDefault(),
                c.State, c.SubmittedAt, db.Users.Where(u => u.Id == c.HandlerUserId).Select(u => u.FullName).FirstOrDefault(), c.UpdatedAt))
            .ToListAsync();
    }
}
